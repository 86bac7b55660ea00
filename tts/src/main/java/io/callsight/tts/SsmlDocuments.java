package io.callsight.tts;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds the SSML MaryTTS is given. Built as DOM, so texts with {@code &} or {@code <} need no escaping. */
final class SsmlDocuments {
    private static final String SSML_NS = "http://www.w3.org/2001/10/synthesis";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private SsmlDocuments() {
    }

    static Document speak(String text, Voice voice) {
        Document doc = newDocument();
        Element speak = doc.createElementNS(SSML_NS, "speak");
        speak.setAttribute("version", "1.0");
        // MaryTTS picks its language from xml:lang; a plain "xml:lang" attribute without the namespace is not it.
        speak.setAttributeNS(XML_NS, "xml:lang", "en-US");
        doc.appendChild(speak);
        Element parent = speak;
        if (!voice.ssmlPitch().isEmpty() || !voice.ssmlRate().isEmpty()) {
            Element prosody = doc.createElementNS(SSML_NS, "prosody");
            if (!voice.ssmlPitch().isEmpty()) {
                prosody.setAttribute("pitch", voice.ssmlPitch());
            }
            if (!voice.ssmlRate().isEmpty()) {
                prosody.setAttribute("rate", voice.ssmlRate());
            }
            speak.appendChild(prosody);
            parent = prosody;
        }
        parent.appendChild(doc.createTextNode(text));
        return doc;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is not configurable", e);
        }
    }
}
