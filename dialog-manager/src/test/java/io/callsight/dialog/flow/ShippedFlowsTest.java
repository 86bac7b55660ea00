package io.callsight.dialog.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.BotAction;
import io.callsight.dialog.engine.DialogSession;
import io.callsight.dialog.engine.NextStep;
import io.callsight.dialog.engine.Outcome;
import io.callsight.dialog.engine.SessionRecord;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.testing.TestFlows;
import io.callsight.nlp.intents.definition.IntentValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flows in datasets/flows validate against datasets/demo-intents, and a scripted caller completes each. */
class ShippedFlowsTest {
    private static final Path FLOWS = TestFlows.ROOT.resolve("datasets/flows");
    private static final Path INTENTS = TestFlows.ROOT.resolve("datasets/demo-intents");
    private static IntentCatalog catalog;

    @BeforeAll
    static void intents() throws IOException {
        IntentCatalog.Loaded loaded = IntentCatalog.load(List.of(INTENTS));
        assertEquals(List.of(), loaded.errors());
        catalog = loaded.catalog();
    }

    private static Flow flow(String file) throws IOException {
        return TestFlows.valid(FlowFiles.load(FLOWS.resolve(file), catalog));
    }

    private static UserTurn intent(String text, String intent) {
        return UserTurn.of(text, intent, 0.92);
    }

    @Test
    void everyShippedFlowAndIntentFileIsValid() throws IOException {
        List<Path> files = FlowFiles.flowFiles(FLOWS);
        assertEquals(3, files.size(), files.toString());
        for (Path f : files) TestFlows.valid(FlowFiles.load(f, catalog));
        IntentValidator intentValidator = new IntentValidator();
        for (String tenant : List.of("acme-bank", "nova-telecom", "shield-insurance")) {
            assertEquals(List.of(), intentValidator.validateFile(INTENTS.resolve(tenant + ".en.yml")));
        }
    }

    @Test
    void bankingBalanceWithAnFaqOnTheWay() throws IOException {
        DialogSession s = new DialogSession(flow("acme-bank.balance-and-cards.yml"), TestFlows.CLOCK);
        assertEquals("Welcome to Acme Bank. How can I help you today?", s.start().text());
        assertEquals("Please say or key in your eight digit account number.",
                s.onUtterance(intent("I'd like to know my balance", "check_balance")).text());
        assertEquals("I heard 1 2 3 4 5 6 7 8. Is that right?",
                s.onUtterance(UserTurn.words("one two three four five six seven eight")).text());
        assertEquals("Now please key in or say your four digit PIN.", s.onUtterance(UserTurn.words("yes")).text());
        BotAction afterPin = null;
        for (char k : "4321".toCharArray()) afterPin = s.onDtmf(k);
        assertEquals("Thank you. Your balance for account 1 2 3 4 5 6 7 8 will be sent to the mobile number we have on file. "
                + "Is there anything else I can help you with?", afterPin.text());
        BotAction faq = s.onUtterance(intent("why was I charged a fee", "dispute_fee"));
        assertTrue(faq.text().startsWith("Every fee is listed in the fee schedule"), faq.text());
        BotAction end = s.onUtterance(UserTurn.words("no thanks"));
        assertEquals("Thank you for calling Acme Bank. Goodbye.", end.text());
        SessionRecord r = s.record();
        assertEquals(Outcome.Kind.COMPLETED, r.outcome().kind());
        assertEquals("12345678", r.slots().get("account"));
        assertEquals("****", r.slots().get("pin"));
        assertEquals(List.of(), r.unanswered());
    }

    @Test
    void bankingLostCardIsConfirmedThenTransferred() throws IOException {
        DialogSession s = new DialogSession(flow("acme-bank.balance-and-cards.yml"), TestFlows.CLOCK);
        s.start();
        assertEquals("You want to report a lost or stolen card. Is that right?",
                s.onUtterance(intent("someone stole my card", "report_lost_card")).text());
        BotAction a = s.onUtterance(UserTurn.words("yes it was stolen"));
        assertEquals(new NextStep.Transfer("cards", "lost_card"), a.then());
        assertEquals(Outcome.transferred("cards", "lost_card", null), s.outcome().orElseThrow());
    }

    @Test
    void reminderRescheduledToAnotherDayAndTime() throws IOException {
        DialogSession s = new DialogSession(flow("shield-insurance.appointment-reminder.yml"), TestFlows.CLOCK);
        assertEquals("Hello, this is Shield Insurance calling to remind you of your visit from our claims adjuster. "
                + "Will you be able to keep this appointment?", s.start().text());
        assertEquals("Which day would suit you better?", s.onUtterance(UserTurn.words("no I can't make it")).text());
        assertEquals("And what time on June 6, 2025? Our adjusters visit between nine in the morning and five in the afternoon.",
                s.onUtterance(UserTurn.words("friday would be better")).text());
        assertEquals("So that is June 6, 2025 at 2:30 PM. Is that right?", s.onUtterance(UserTurn.words("two thirty")).text());
        BotAction done = s.onUtterance(UserTurn.words("yes"));
        assertEquals("Done. Your adjuster will visit on June 6, 2025 at 2:30 PM. Goodbye.", done.text());
        assertEquals(Outcome.of(Outcome.Kind.COMPLETED, "rescheduled"), s.outcome().orElseThrow());
        assertEquals("2025-06-06", s.record().slots().get("new_date"));
        assertEquals("14:30", s.record().slots().get("new_time"));
    }

    @Test
    void reminderKeptByKeyAndVoicemailLeftOnAMachine() throws IOException {
        Flow reminder = flow("shield-insurance.appointment-reminder.yml");
        DialogSession kept = new DialogSession(reminder, TestFlows.CLOCK);
        kept.start();
        assertEquals("Thank you, your appointment stands. Goodbye.", kept.onDtmf('1').text());
        assertEquals(Outcome.of(Outcome.Kind.COMPLETED, "kept"), kept.outcome().orElseThrow());

        DialogSession machine = new DialogSession(reminder, TestFlows.CLOCK);
        machine.start();
        assertTrue(machine.onVoicemail().text().startsWith("Hello, this is Shield Insurance with a reminder"));
        assertEquals(Outcome.Kind.VOICEMAIL, machine.outcome().orElseThrow().kind());
    }

    @Test
    void identityVerificationCompletes() throws IOException {
        DialogSession s = new DialogSession(flow("nova-telecom.identity-verification.yml"), TestFlows.CLOCK);
        assertTrue(s.start().text().endsWith("Am I speaking with the account holder?"));
        assertEquals("To make sure it is you, please tell me your date of birth.", s.onUtterance(UserTurn.words("yes speaking")).text());
        assertEquals("I need your full date of birth, including the year. Please say your date of birth with the year, "
                        + "for example the fourth of March nineteen eighty five, or key it in as month, day and year.",
                s.onUtterance(UserTurn.words("the fourth of march")).text());
        assertEquals("Thank you. Now the last four digits of your account number, please.",
                s.onUtterance(UserTurn.words("the fourth of march nineteen eighty five")).text());
        assertEquals("We received a request to move your number to a new SIM card. Did you make this request?",
                s.onUtterance(UserTurn.words("four five six seven")).text());
        BotAction done = s.onUtterance(UserTurn.words("yes I did"));
        assertTrue(done.endsCall());
        SessionRecord r = s.record();
        assertEquals(Outcome.of(Outcome.Kind.COMPLETED, "change_confirmed"), r.outcome());
        assertEquals("****", r.slots().get("date_of_birth"));
        assertEquals("****", r.slots().get("last_digits"));
        assertEquals("1985-03-04", s.slots().get("date_of_birth").value());
    }

    @Test
    void identityVerificationNotRequestedGoesToSecurity() throws IOException {
        DialogSession s = new DialogSession(flow("nova-telecom.identity-verification.yml"), TestFlows.CLOCK);
        s.start();
        s.onUtterance(UserTurn.words("yes"));
        for (char k : "03041985".toCharArray()) s.onDtmf(k);
        for (char k : "4567".toCharArray()) s.onDtmf(k);
        BotAction a = s.onUtterance(UserTurn.words("no I did not"));
        assertEquals(new NextStep.Transfer("security", "sim_swap_not_requested"), a.then());
    }
}
