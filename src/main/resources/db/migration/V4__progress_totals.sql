-- Running totals behind the progress dashboard, updated in the same transaction as every answer and
-- flashcard grade (org.accord.progress.Activity). The dashboard reads these few bounded rows (one per
-- topic, question met, recent slot and active day) instead of scanning the learner's whole history.

CREATE TABLE learner_topic_stat (
    learner_id  BIGINT           NOT NULL REFERENCES learner (id),
    topic       VARCHAR(100)     NOT NULL,
    answers     INTEGER          NOT NULL,
    score_sum   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (learner_id, topic)
);

-- A topic's last 20 scores (Mastery.RECENT_ANSWERS) as a ring: the topic's n-th answer, counting
-- from 1, writes slot (n - 1) mod 20.
CREATE TABLE learner_topic_recent (
    learner_id  BIGINT           NOT NULL REFERENCES learner (id),
    topic       VARCHAR(100)     NOT NULL,
    slot        INTEGER          NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (learner_id, topic, slot)
);

CREATE TABLE learner_question_stat (
    learner_id   BIGINT       NOT NULL REFERENCES learner (id),
    question_id  VARCHAR(100) NOT NULL,
    answers      INTEGER      NOT NULL,
    missed       INTEGER      NOT NULL,
    PRIMARY KEY (learner_id, question_id)
);

-- One row per UTC day (counted from 1970-01-01) on which the learner answered or graded a flashcard.
CREATE TABLE learner_day (
    learner_id  BIGINT           NOT NULL REFERENCES learner (id),
    epoch_day   INTEGER          NOT NULL,
    answers     INTEGER          NOT NULL,
    score_sum   DOUBLE PRECISION NOT NULL,
    reviews     INTEGER          NOT NULL,
    PRIMARY KEY (learner_id, epoch_day)
);

-- totals from the existing history (bench/GenData.java runs every statement below this line again
-- after a bulk load, on emptied tables)
INSERT INTO learner_topic_stat (learner_id, topic, answers, score_sum)
SELECT a.learner_id, qv.topic, count(*), sum(a.score)
FROM answer a JOIN question_version qv ON qv.id = a.question_version_id
GROUP BY a.learner_id, qv.topic;

INSERT INTO learner_topic_recent (learner_id, topic, slot, score)
SELECT learner_id, topic, mod(n - 1, 20), score FROM (
    SELECT a.learner_id AS learner_id, qv.topic AS topic, a.score AS score,
           row_number() OVER (PARTITION BY a.learner_id, qv.topic ORDER BY a.answered_at, a.id) AS n,
           count(*) OVER (PARTITION BY a.learner_id, qv.topic) AS total
    FROM answer a JOIN question_version qv ON qv.id = a.question_version_id) numbered
WHERE n > total - 20;

INSERT INTO learner_question_stat (learner_id, question_id, answers, missed)
SELECT a.learner_id, qv.question_id, count(*), sum(CASE WHEN a.score < 1 THEN 1 ELSE 0 END)
FROM answer a JOIN question_version qv ON qv.id = a.question_version_id
GROUP BY a.learner_id, qv.question_id;

INSERT INTO learner_day (learner_id, epoch_day, answers, score_sum, reviews)
SELECT learner_id, epoch_day, sum(answers), sum(score_sum), sum(reviews) FROM (
    SELECT learner_id, CAST(floor(extract(epoch FROM answered_at) / 86400) AS INTEGER) AS epoch_day,
           1 AS answers, score AS score_sum, 0 AS reviews
    FROM answer
    UNION ALL
    SELECT learner_id, CAST(floor(extract(epoch FROM reviewed_at) / 86400) AS INTEGER), 0, 0, 1
    FROM review_log WHERE source = 'flashcard') activity
GROUP BY learner_id, epoch_day;
