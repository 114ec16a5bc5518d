// Package e2e holds jsroute's end-to-end tests: fixtures/<app> served by the real binary (and, for cases whose
// route fetches the internet, by the embedding API with a canned upstream) must answer each request of
// e2e/cases/<app>.json the way real Next.js did in e2e/testdata/nextjs/<app>.json. The recordings are made by
// e2e/nextjs/record.sh; the tests themselves need no Node.js. See e2e/README.md.
package e2e
