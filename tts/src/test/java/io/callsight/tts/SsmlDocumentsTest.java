package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SsmlDocumentsTest {

    @Test
    void plainVoiceIsTextDirectlyInSpeak() {
        Document doc = SsmlDocuments.speak("Fees & charges <none>", Voice.CUSTOMER);
        Element speak = doc.getDocumentElement();
        assertEquals("speak", speak.getLocalName());
        assertEquals("Fees & charges <none>", speak.getTextContent());
        assertEquals(0, speak.getElementsByTagNameNS("*", "prosody").getLength());
    }

    @Test
    void agentVoiceIsWrappedInProsody() {
        Element prosody = (Element) SsmlDocuments.speak("Hello.", Voice.AGENT).getDocumentElement().getFirstChild();
        assertEquals("prosody", prosody.getLocalName());
        assertEquals(Voice.AGENT.ssmlPitch(), prosody.getAttribute("pitch"));
        assertEquals(Voice.AGENT.ssmlRate(), prosody.getAttribute("rate"));
        assertEquals("Hello.", prosody.getTextContent());
    }
}
