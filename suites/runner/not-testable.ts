// Requirements no conformance test checks, each with the reason. The run reports them under
// coverage; the toolkit's own tests insist every catalogue entry is either checked by a test
// file or listed here, so a new requirement cannot slip through unnoticed.

export const NOT_TESTABLE: Readonly<Record<string, string>> = {
  '/req/offerset/not-idempotent':
    'a permission, not an obligation: a broker may or may not repeat its offers, and no answer can violate it',
};
