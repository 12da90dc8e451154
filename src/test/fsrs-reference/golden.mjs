// Golden test data generator for Accord's FSRS-6 scheduler.
//
// Runs the reference implementation ts-fsrs (FSRS-6, 21 default parameters)
// over a fixed set of review sequences and prints the results as JSON.
// The output is committed as src/test/resources/fsrs/golden.json.
//
// Usage (ts-fsrs is NOT a dependency of this repo; install it anywhere else):
//   mkdir /tmp/fsrs-ref && cd /tmp/fsrs-ref && npm install ts-fsrs@5.4.2
//   node src/test/fsrs-reference/golden.mjs /tmp/fsrs-ref/node_modules/ts-fsrs \
//       > src/test/resources/fsrs/golden.json
// The ts-fsrs directory may also be given via the TS_FSRS_DIR env var.
//
// Scheduler: fsrs(generatorParameters({ enable_fuzz: false,
//   enable_short_term: false, request_retention: R, maximum_interval: 36500 }))
// i.e. the long-term scheduler: no learning steps, every answer yields a whole
// number of days. Cards start as createEmptyCard(2026-01-01T12:00:00Z); every
// review happens at noon UTC so day differences are exact.
//
// Per review we record: rating, elapsedDays (whole days since the previous
// review, 0 for the first), the resulting scheduled_days ("interval"),
// stability, difficulty, and the retrievability ts-fsrs used for that review
// (forgetting_curve(w, elapsedDays, previous stability); 1 for the first
// review of a new card, where no retrievability is involved).
//
// Delay notation in the case table below: a number = that many days;
// 'on' = exactly the previous scheduled interval; 'half' = floor(prev/2);
// 'x2' / 'x5' = 2x / 5x the previous scheduled interval.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2] || process.env.TS_FSRS_DIR;
if (!dir) {
  console.error('usage: node golden.mjs <path-to-node_modules/ts-fsrs>  (or set TS_FSRS_DIR)');
  process.exit(2);
}
const ts = await import(pathToFileURL(path.join(path.resolve(dir), 'dist', 'index.mjs')).href);
const { fsrs, generatorParameters, createEmptyCard, forgetting_curve, State } = ts;

const VERSION = '5.4.2';
const DAY_MS = 24 * 60 * 60 * 1000;
const START = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

const AGAIN = 1, HARD = 2, GOOD = 3, EASY = 4;

/** Build a list of [rating, delay] pairs; the first delay is always 0. */
const seq = (first, ...rest) => [[first, 0], ...rest];
const repeat = (n, rating, delay) => Array.from({ length: n }, () => [rating, delay]);

const LONG_MIXED = seq(GOOD,
  [GOOD, 'on'], [HARD, 5], [GOOD, 'on'], [AGAIN, 20], [GOOD, 1], [GOOD, 'on'],
  [EASY, 'x2'], [HARD, 'half'], [GOOD, 30], [AGAIN, 'x5'], [HARD, 2], [GOOD, 'on'],
  [EASY, 'on'], [GOOD, 0]);
const AGAIN_THEN_GOOD = seq(AGAIN, ...repeat(5, GOOD, 'on'));
const GOOD_X8 = seq(GOOD, ...repeat(7, GOOD, 'on'));

const CASES = [
  // single first ratings
  { name: 'first_again', retention: 0.9, steps: seq(AGAIN) },
  { name: 'first_hard', retention: 0.9, steps: seq(HARD) },
  { name: 'first_good', retention: 0.9, steps: seq(GOOD) },
  { name: 'first_easy', retention: 0.9, steps: seq(EASY) },
  // on-time sequences
  { name: 'good_x8_on_time', retention: 0.9, steps: GOOD_X8 },
  { name: 'easy_x6_on_time', retention: 0.9, steps: seq(EASY, ...repeat(5, EASY, 'on')) },
  { name: 'hard_x6_on_time', retention: 0.9, steps: seq(HARD, ...repeat(5, HARD, 'on')) },
  { name: 'again_x6_on_time', retention: 0.9, steps: seq(AGAIN, ...repeat(5, AGAIN, 'on')) },
  { name: 'again_then_good_x5_on_time', retention: 0.9, steps: AGAIN_THEN_GOOD },
  { name: 'good_good_again_good_good_good_on_time', retention: 0.9,
    steps: seq(GOOD, [GOOD, 'on'], [AGAIN, 'on'], [GOOD, 'on'], [GOOD, 'on'], [GOOD, 'on']) },
  // early reviews
  { name: 'good_early_half_x6', retention: 0.9, steps: seq(GOOD, ...repeat(5, GOOD, 'half')) },
  { name: 'same_day_reviews', retention: 0.9,
    steps: seq(GOOD, [GOOD, 0], [EASY, 0], [GOOD, 'on'], [HARD, 0], [AGAIN, 0], [GOOD, 'on'], [GOOD, 'on']) },
  { name: 'early_mixed_ratings', retention: 0.9,
    steps: seq(GOOD, [GOOD, 'on'], [EASY, 'half'], [HARD, 'half'], [AGAIN, 'half'], [GOOD, 'half'], [GOOD, 'on']) },
  // late reviews
  { name: 'good_late_2x', retention: 0.9, steps: seq(GOOD, ...repeat(5, GOOD, 'x2')) },
  { name: 'good_late_5x', retention: 0.9, steps: seq(GOOD, ...repeat(4, GOOD, 'x5')) },
  { name: 'late_mixed_ratings', retention: 0.9,
    steps: seq(GOOD, [HARD, 'x2'], [AGAIN, 'x5'], [GOOD, 'x2'], [EASY, 'x2'], [HARD, 'x5'], [GOOD, 'on']) },
  // long mixed sequence
  { name: 'long_mixed', retention: 0.9, steps: LONG_MIXED },
  // very long gaps after a strong card
  { name: 'strong_card_then_400_day_gap_good', retention: 0.9,
    steps: seq(EASY, [EASY, 'on'], [GOOD, 'on'], [GOOD, 'on'], [GOOD, 400], [GOOD, 'on']) },
  { name: 'strong_card_then_400_day_gap_again', retention: 0.9,
    steps: seq(EASY, [EASY, 'on'], [GOOD, 'on'], [GOOD, 'on'], [AGAIN, 400], [GOOD, 'on'], [GOOD, 'on']) },
  { name: 'weak_card_then_1000_day_gap', retention: 0.9,
    steps: seq(HARD, [HARD, 'on'], [GOOD, 1000], [GOOD, 'on']) },
  // intervals into the hundreds / thousands of days, up to the cap
  { name: 'easy_then_good_x10_hundreds_of_days', retention: 0.9,
    steps: seq(EASY, ...repeat(9, GOOD, 'on')) },
  { name: 'easy_x12_reaches_cap', retention: 0.9, steps: seq(EASY, ...repeat(11, EASY, 'on')) },
  // other retentions
  ...[0.8, 0.95, 0.97].flatMap((r) => [
    { name: `good_x8_on_time_r${r}`, retention: r, steps: GOOD_X8 },
    { name: `again_then_good_x5_on_time_r${r}`, retention: r, steps: AGAIN_THEN_GOOD },
    { name: `long_mixed_r${r}`, retention: r, steps: LONG_MIXED },
  ]),
];

function resolveDelay(delay, prevInterval) {
  if (typeof delay === 'number') return delay;
  switch (delay) {
    case 'on': return prevInterval;
    case 'half': return Math.max(0, Math.floor(prevInterval / 2));
    case 'x2': return prevInterval * 2;
    case 'x5': return prevInterval * 5;
    default: throw new Error(`unknown delay ${delay}`);
  }
}

function schedulerFor(retention) {
  return fsrs(generatorParameters({
    enable_fuzz: false,
    enable_short_term: false,
    request_retention: retention,
    maximum_interval: 36500,
  }));
}

let w = null;
const cases = CASES.map(({ name, retention, steps }) => {
  const f = schedulerFor(retention);
  const params = Array.from(f.parameters.w);
  if (w === null) w = params;
  else if (JSON.stringify(w) !== JSON.stringify(params)) throw new Error('parameters differ between schedulers');

  let card = createEmptyCard(START);
  let time = START;
  let prevInterval = 0;
  const reviews = steps.map(([rating, delay], i) => {
    const elapsedDays = i === 0 ? 0 : resolveDelay(delay, prevInterval);
    time = new Date(time.getTime() + elapsedDays * DAY_MS);
    let retrievability = 1;
    if (card.state !== State.New) {
      retrievability = forgetting_curve(params, elapsedDays, card.stability);
      const viaApi = f.get_retrievability(card, time, false);
      if (viaApi !== retrievability) throw new Error(`${name}#${i}: R mismatch ${viaApi} vs ${retrievability}`);
    }
    const { card: next, log } = f.next(card, time, rating);
    if (log.elapsed_days !== (card.state === State.New ? 0 : elapsedDays)) {
      throw new Error(`${name}#${i}: elapsed mismatch ${log.elapsed_days} vs ${elapsedDays}`);
    }
    if (!Number.isInteger(next.scheduled_days)) throw new Error(`${name}#${i}: non-integer interval`);
    card = next;
    prevInterval = next.scheduled_days;
    return {
      rating,
      elapsedDays,
      retrievability,
      interval: next.scheduled_days,
      stability: next.stability,
      difficulty: next.difficulty,
    };
  });
  return { name, retention, reviews };
});

const out = {
  generator: `ts-fsrs ${VERSION}, long-term scheduler, fuzz off`,
  notes: 'enable_short_term=false, enable_fuzz=false, maximum_interval=36500; start 2026-01-01T12:00:00Z; '
    + 'retrievability = forgetting_curve(w, elapsedDays, previous stability) used by that review (1 for the first review of a new card)',
  w,
  cases,
};

// One review object per line keeps the file diff- and human-friendly.
const lines = [];
lines.push('{');
lines.push(`  "generator": ${JSON.stringify(out.generator)},`);
lines.push(`  "notes": ${JSON.stringify(out.notes)},`);
lines.push(`  "w": ${JSON.stringify(out.w)},`);
lines.push('  "cases": [');
out.cases.forEach((c, ci) => {
  lines.push(`    {"name": ${JSON.stringify(c.name)}, "retention": ${c.retention}, "reviews": [`);
  c.reviews.forEach((r, ri) => {
    lines.push(`      ${JSON.stringify(r)}${ri < c.reviews.length - 1 ? ',' : ''}`);
  });
  lines.push(`    ]}${ci < out.cases.length - 1 ? ',' : ''}`);
});
lines.push('  ]');
lines.push('}');
const text = lines.join('\n') + '\n';
JSON.parse(text); // sanity check
process.stdout.write(text);
