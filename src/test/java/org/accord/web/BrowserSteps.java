package org.accord.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.List;
import java.util.Map;
import org.accord.bank.AnswerKey;
import org.accord.bank.BankStore;
import org.accord.bank.Question;
import org.accord.quiz.AttemptKeys;

/** What people do in the browser tests, written once: sign up, answer a question right. */
public final class BrowserSteps {

    public static final String PASSWORD = "correct horse battery";

    private BrowserSteps() {
    }

    /** The site header's account menu: log in, sign up, or who is signed in and log out. */
    public static Locator account(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"));
    }

    /** Signs up from the header's link; {@code role} is the radio's label ("Learn" or "Teach"). */
    public static void signUp(Page page, String displayName, String username, String role) {
        account(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign up")).click();
        page.getByLabel("Your name").fill(displayName);
        page.getByLabel("Username or e-mail address").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(role)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(account(page)).containsText(displayName);
    }

    /** Enters the right answer to the question on the page as a person would, and submits it. */
    public static void answerCorrectly(Page page, BankStore bank, String attemptId, int number) {
        AttemptKeys.Slot slot = AttemptKeys.slot(bank, attemptId, number);
        Question q = slot.question();
        Map<String, List<String>> form = AttemptKeys.correctForm(slot);
        AnswerKey key = q.key();
        Page.GetByLabelOptions exact = new Page.GetByLabelOptions().setExact(true);
        if (key instanceof AnswerKey.Choice c) {
            // the form holds the positions the choices are shown at; the labels are the choice texts
            List<Integer> shown = slot.arrangement().order(q.id(), "choices", c.choices().size());
            for (String position : form.get("choice")) {
                page.getByLabel(c.choices().get(shown.get(Integer.parseInt(position))), exact).check();
            }
        } else if (key instanceof AnswerKey.TrueFalse t) {
            page.getByLabel(t.answer() ? "True" : "False", exact).check();
        } else if (key instanceof AnswerKey.Numeric || key instanceof AnswerKey.Text) {
            page.getByLabel(q.prompt(), exact).fill(form.get("answer").get(0));
        } else if (key instanceof AnswerKey.Ordering o) {
            // the key lists the items in their right order
            for (int i = 0; i < o.items().size(); i++) {
                page.getByLabel(o.items().get(i), exact).selectOption(new SelectOption().setLabel(ordinal(i + 1)));
            }
        } else if (key instanceof AnswerKey.Matching m) {
            for (int i = 0; i < m.lefts().size(); i++) {
                page.getByLabel(m.lefts().get(i), exact)
                        .selectOption(new SelectOption().setLabel(m.rights().get(m.answers().get(i))));
            }
        } else {
            fail("no way to answer a " + q.type() + " question");
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check answer")).click();
    }

    static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
