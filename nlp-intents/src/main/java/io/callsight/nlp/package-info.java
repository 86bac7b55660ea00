/**
 * Callsight's natural-language engine: what callers want (intents), how they feel (sentiment), what they
 * mention (entities), what agents must and must not say (rules), and what must never reach an index (PII).
 * Plain Java objects behind small interfaces, so the speech job, the dialog manager and tests use them alike.
 */
package io.callsight.nlp;
