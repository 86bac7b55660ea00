package io.callsight.dialog.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.Outcome.Escalation;
import io.callsight.dialog.engine.TurnRecord.Result;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.testing.TestFlows;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The state machine feature by feature, on src/test/resources/flows/engine.yml. */
class DialogSessionTest {
    private final Flow flow = TestFlows.engineFlow();
    private final DialogSession session = new DialogSession(flow, TestFlows.CLOCK);

    private static UserTurn intent(String text, String intent) {
        return UserTurn.of(text, intent, 0.9);
    }

    private BotAction say(String words) {
        return session.onUtterance(UserTurn.words(words));
    }

    private BotAction keys(String keys) {
        BotAction last = null;
        for (char k : keys.toCharArray()) last = session.onDtmf(k);
        return last;
    }

    /** Opens the call and goes to the account number. */
    private void toAccount() {
        session.start();
        session.onUtterance(intent("what's my balance", "check_balance"));
    }

    private Outcome outcome() {
        return session.outcome().orElseThrow();
    }

    @Test
    void startSpeaksTheSayStatesThenThePromptAndListens() {
        BotAction a = session.start();
        assertEquals(List.of("Hello from Test Bank.", "How can I help?"), a.sentences().stream().map(Sentence::text).toList());
        assertEquals(new NextStep.Listen(4000), a.then());
        assertEquals("menu", session.currentState());
        assertThrows(IllegalStateException.class, session::start);
    }

    @Test
    void eventsBeforeStartOrAfterTheEndAreRefused() {
        assertThrows(IllegalStateException.class, () -> say("hello"));
        session.start();
        session.onUtterance(intent("bye", "goodbye"));
        assertThrows(IllegalStateException.class, () -> say("hello"));
        assertThrows(IllegalStateException.class, session::onNoInput);
    }

    @Nested
    class Transitions {
        @Test
        void anIntentMovesToItsState() {
            session.start();
            BotAction a = session.onUtterance(intent("what's my balance", "check_balance"));
            assertEquals("Your account number please.", a.text());
            assertEquals("account", session.currentState());
        }

        @Test
        void anIntentBelowTheFlowsConfidenceIsNotUnderstood() {
            session.start();
            BotAction a = session.onUtterance(UserTurn.of("balance maybe", "check_balance", 0.4));
            assertEquals("Say balance, or lost card.", a.text());
            assertEquals("menu", session.currentState());
            assertEquals(List.of("balance maybe"), session.record().unanswered());
        }

        @Test
        void aKeyMovesToItsState() {
            session.start();
            assertEquals("Your account number please.", session.onDtmf('1').text());
            assertEquals("account", session.currentState());
        }

        @Test
        void anUnknownKeyIsANoMatchButNotAnUnansweredQuestion() {
            session.start();
            assertEquals("Say balance, or lost card.", session.onDtmf('7').text());
            assertEquals(List.of(), session.record().unanswered());
        }
    }

    @Nested
    class Faq {
        @Test
        void answersAnIntentWithAnAnswerAndAsksAgain() {
            session.start();
            BotAction a = session.onUtterance(intent("when are you open", "opening_hours"));
            assertEquals(List.of("We are open from nine to five.", "On Saturdays until noon.", "Say balance, or lost card."),
                    a.sentences().stream().map(Sentence::text).toList());
            assertTrue(a.listens());
            assertEquals("menu", session.currentState());
            assertEquals(Result.FAQ_ANSWER, session.record().turns().get(1).result());
        }

        @Test
        void aTransitionWinsOverTheAnswerOfTheSameIntent() {
            session.start();
            assertEquals("Lost card, right?", session.onUtterance(intent("I lost my card", "report_lost_card")).text());
        }

        @Test
        void statesWithoutFaqDoNotAnswer() {
            toAccount();
            BotAction a = session.onUtterance(intent("when are you open", "opening_hours"));
            assertEquals("Your account number please.", a.text());
        }
    }

    @Nested
    class SlotsAndConfirmation {
        @Test
        void aSpokenValueIsReadBackAndFilledOnYes() {
            toAccount();
            assertEquals("I heard 1 2 3 4 5 6. Right?", say("one two three four five six").text());
            assertTrue(session.slots().isEmpty(), "not filled before the caller confirms");
            assertEquals("Your PIN.", say("yes that's right").text());
            assertEquals("123456", session.slots().get("account").value());
        }

        @Test
        void noAsksForTheValueAgain() {
            toAccount();
            say("one two three four five six");
            assertEquals("Your account number please.", say("no").text());
            assertTrue(session.slots().isEmpty());
            assertEquals("I heard 6 5 4 3 2 1. Right?", say("six five four three two one").text());
        }

        @Test
        void anUnclearAnswerToTheReadBackRepeatsIt() {
            toAccount();
            say("one two three four five six");
            assertEquals("I heard 1 2 3 4 5 6. Right?", say("hmm").text());
        }

        @Test
        void anInvalidValueSaysWhyAndAsksAgain() {
            toAccount();
            BotAction a = say("one two three");
            assertEquals("That is not six digits. Your account number please.", a.text());
            assertEquals(Result.SLOT_INVALID, session.record().turns().get(2).result());
            assertEquals(List.of(), session.record().unanswered(), "a wrong answer is not a question");
        }

        @Test
        void keysAreCollectedUpToTheSlotsLength() {
            toAccount();
            for (char k : "12345".toCharArray()) {
                BotAction a = session.onDtmf(k);
                assertEquals(List.of(), a.sentences());
                assertTrue(a.listens());
            }
            assertEquals("I heard 1 2 3 4 5 6. Right?", session.onDtmf('6').text());
            assertEquals("Your PIN.", session.onDtmf('1').text(), "1 confirms");
        }

        @Test
        void hashEndsAnEntryAndStarStartsItAgain() {
            toAccount();
            assertEquals("That is not six digits. Your account number please.", keys("123#").text());
            keys("99*");
            assertEquals("I heard 6 5 4 3 2 1. Right?", keys("654321").text());
        }

        @Test
        void theListenTimeoutEndsAKeyEntryAndSensitiveSlotsAreMasked() {
            toAccount();
            keys("123456");
            keys("1");
            keys("9876");
            assertEquals("How much?", session.onNoInput().text());
            assertEquals("9876", session.slots().get("pin").value());
            SessionRecord r = session.record();
            assertEquals("****", r.slots().get("pin"));
            assertEquals("123456", r.slots().get("account"));
            assertTrue(r.turns().stream().noneMatch(t -> "9876".equals(t.heard())));
        }

        @Test
        void numberDateAndTimeSlotsFillTheTemplates() {
            toAccount();
            keys("123456");
            keys("1");
            keys("2468#");
            assertEquals("Which day?", say("twenty five").text());
            assertEquals("What time on June 3, 2025?", say("tomorrow").text());
            BotAction done = say("at three");
            assertEquals("Booked 25 for June 3, 2025 at 3:00 PM from account 1 2 3 4 5 6.", done.text());
            assertInstanceOf(NextStep.HangUp.class, done.then());
            assertEquals(Outcome.Kind.COMPLETED, outcome().kind());
            assertEquals("2025-06-03", session.record().slots().get("day"));
            assertEquals("15:00", session.record().slots().get("time"));
        }

        @Test
        void aYesNoSlotBranches() {
            session.start();
            session.onUtterance(intent("I lost my card", "report_lost_card"));
            assertEquals("How can I help?", say("no").text());
            session.onUtterance(intent("I lost my card", "report_lost_card"));
            BotAction a = say("yes");
            assertEquals("Cards team.", a.text());
            assertEquals(new NextStep.Transfer("cards", "lost_card"), a.then());
        }
    }

    @Nested
    class Endings {
        @Test
        void hangUpWithTheStatesOutcome() {
            session.start();
            BotAction a = session.onUtterance(intent("bye", "goodbye"));
            assertEquals("Bye.", a.text());
            assertEquals(Outcome.Kind.COMPLETED, outcome().kind());
            assertNull(outcome().escalation());
        }

        @Test
        void aTransferWithoutAReasonGivesTheStateName() {
            session.start();
            BotAction a = session.onDtmf('0');
            assertEquals(new NextStep.Transfer("agents", "agent"), a.then());
            assertEquals(Outcome.transferred("agents", "agent", null), outcome());
        }

        @Test
        void voicemailLeavesTheMessageUninterruptedAndHangsUp() {
            session.start();
            BotAction a = session.onVoicemail();
            assertEquals("Sorry we missed you. Please call us back.", a.text());
            assertTrue(a.sentences().stream().noneMatch(Sentence::bargeIn));
            assertEquals(Outcome.Kind.VOICEMAIL, outcome().kind());
        }

        @Test
        void aCallerWhoHangsUpAbandons() {
            session.start();
            session.onCallerHangup();
            assertEquals(Outcome.Kind.ABANDONED, outcome().kind());
            assertTrue(session.ended());
        }
    }

    @Nested
    class Escalation_ {
        @Test
        void silenceRepromptsThenEscalatesAtTheLimit() {
            session.start();
            assertEquals("Say balance, or lost card.", session.onNoInput().text());
            BotAction a = session.onNoInput();
            assertEquals("Connecting you to an agent.", a.text());
            assertEquals(new NextStep.Transfer("agents", "needs_help"), a.then());
            assertEquals(Escalation.NO_INPUT_LIMIT, outcome().escalation());
        }

        @Test
        void noMatchesEscalateAndAreKeptAsUnansweredQuestions() {
            session.start();
            say("can I get a mortgage");
            BotAction a = say("what about mortgages");
            assertInstanceOf(NextStep.Transfer.class, a.then());
            assertEquals(Escalation.NO_MATCH_LIMIT, outcome().escalation());
            assertEquals(List.of("can I get a mortgage", "what about mortgages"), session.record().unanswered());
        }

        @Test
        void countersStartAfreshInEveryState() {
            session.start();
            say("can I get a mortgage");
            session.onUtterance(intent("what's my balance", "check_balance"));
            assertTrue(say("one two").listens(), "one miss in the new state is not two");
        }

        @Test
        void maxTurnsEscalates() {
            Flow shortFlow = TestFlows.parse(oneStateFlow("max_turns: 2, escalation: {queue: agents, reason: too_long}"));
            DialogSession s = new DialogSession(shortFlow, TestFlows.CLOCK);
            s.start();
            assertTrue(s.onUtterance(intent("when are you open", "opening_hours")).listens());
            BotAction a = s.onUtterance(intent("when are you open", "opening_hours"));
            assertEquals(new NextStep.Transfer("agents", "too_long"), a.then());
            assertEquals(Escalation.MAX_TURNS, s.outcome().orElseThrow().escalation());
            assertEquals(2, s.record().rounds());
        }

        @Test
        void maxTurnsCanHangUpInstead() {
            Flow shortFlow = TestFlows.parse(oneStateFlow("max_turns: 1, on_max_turns: hangup, escalation: {queue: agents}"));
            DialogSession s = new DialogSession(shortFlow, TestFlows.CLOCK);
            s.start();
            BotAction a = s.onNoInput();
            assertInstanceOf(NextStep.HangUp.class, a.then());
            assertEquals(new Outcome(Outcome.Kind.FAILED, null, "max_turns", Escalation.MAX_TURNS), s.outcome().orElseThrow());
        }

        private String oneStateFlow(String settings) {
            return """
                    flow: short
                    tenant: test-bank
                    language: en
                    direction: inbound
                    start: ask
                    settings: {%s}
                    states:
                      ask:
                        prompt: Ask me.
                        faq: true
                        on: {goodbye: bye}
                      bye:
                        hangup: completed
                    """.formatted(settings);
        }
    }

    @Nested
    class BargeIn {
        @Test
        void enoughWordsOfAnInterruptiblePromptAreABargeIn() {
            session.start();
            assertFalse(session.isBargeIn("uh"));
            assertTrue(session.isBargeIn("I want my"));
            assertTrue(session.onBargeIn().sentences().isEmpty());
            assertTrue(session.record().turns().get(0).bargedIn());
            assertEquals("Your account number please.", session.onUtterance(intent("my balance", "check_balance")).text());
        }

        @Test
        void aPromptMarkedBargeInFalseCannotBeInterrupted() {
            toAccount();
            keys("123456");
            keys("1");
            keys("2468#");
            say("ten");
            say("tomorrow");
            assertEquals("time", session.currentState());
            assertFalse(session.isBargeIn("no wait I meant friday"));
        }
    }

    @Test
    void theRecordHasTheFlowVersionRoundsAndTurns() {
        session.start();
        session.onUtterance(intent("when are you open", "opening_hours"));
        session.onUtterance(intent("bye", "goodbye"));
        SessionRecord r = session.record();
        assertEquals("test-bank", r.tenant());
        assertEquals("engine-test", r.flow());
        assertEquals(flow.version(), r.flowVersion());
        assertEquals(2, r.rounds());
        assertEquals(List.of(Result.GREETING, Result.FAQ_ANSWER, Result.TRANSITION), r.turns().stream().map(TurnRecord::result).toList());
        assertEquals(List.of("welcome", "menu", "menu"), r.turns().stream().map(TurnRecord::state).toList());
        assertEquals("HANGUP", r.turns().get(2).action());
        assertEquals(TestFlows.CLOCK.instant(), r.startedAt());
    }
}
