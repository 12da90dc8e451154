package org.accord.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionVersionsTest {

    @Inject
    BankStore store;

    @Test
    @TestTransaction
    void loadingAnUnchangedBankAgainStoresNoNewVersion() {
        long before = QuestionVersion.count();
        Map<String, Long> ids = store.recordVersions(store.bank());
        assertEquals(before, QuestionVersion.count());
        Question first = store.bank().questions().get(0);
        assertEquals(store.currentVersionId(first.id()), ids.get(first.id()));
    }

    @Test
    @TestTransaction
    void anEditedQuestionGetsANewVersionAndTheOldOneStaysAsItWas() {
        Question original = store.bank().questions().get(0);
        QuestionVersion v1 = QuestionVersion.findById(store.currentVersionId(original.id()));
        Question edited = new Question(original.id(), original.topic(), original.type(), original.difficulty(),
                original.tags(), original.prompt() + " (reworded)", original.key(), original.explanation(), original.sources());
        List<Question> questions = new ArrayList<>(store.bank().questions());
        questions.set(0, edited);

        Map<String, Long> ids = store.recordVersions(new Bank(store.bank().topics(), questions));

        QuestionVersion v2 = QuestionVersion.findById(ids.get(original.id()));
        assertNotEquals(v1.id, v2.id);
        assertEquals(v1.version + 1, v2.version);
        assertEquals(edited.prompt(), store.version(v2).prompt());
        QuestionVersion reread = QuestionVersion.findById(v1.id);
        assertEquals(original.prompt(), new QuestionCodec().fromText("v1", reread.body).prompt());
    }
}
