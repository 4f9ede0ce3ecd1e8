// The tests that may be skipped under CI, each with why. Any other skip fails a CI run
// (scripts/summarize-results.mjs): a skip hides a test as well as an early return does.
// `test` is a part of the test's full name; `suite` is its package folder (or "steps").
export const expectedSkips = [];
