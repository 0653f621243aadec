// A small consumer of the API's generated TypeScript types, compiled by
// CI (.ci/run) with tsc --noEmit against schema.d.ts, which
// openapi-typescript generates from server/openapi.json. It fails to
// compile when a job's result is untyped again or a field it reads is
// renamed.
import type { components } from "./schema";

type Schemas = components["schemas"];

/** A job document, as GET /api/jobs/{id} returns it. */
export type Job = Schemas["Job"];

/** The analysis ids with a result schema: "ttest_ind", "ols", "boxplot", … */
export type AnalysisID = {
  [K in keyof Schemas]: K extends `Result_${infer A}` ? A : never;
}[keyof Schemas];

/** The result of analysis A. */
export type ResultOf<A extends AnalysisID> = Schemas[`Result_${A}`];

/**
 * resultOf narrows a job's result by its decision's analysis, the rule the
 * document states as JobResultByAnalysis: a job whose decision.analysis
 * is A has a ResultOf<A> or null.
 */
export function resultOf<A extends AnalysisID>(job: Job, analysis: A): ResultOf<A> | null {
  if (job.decision?.analysis !== analysis || job.result === null) {
    return null;
  }
  return job.result as ResultOf<A>;
}

/** The p-value of a two-sample t-test job (Welch's). */
export function tTestPValue(job: Job): number | undefined {
  const result = resultOf(job, "ttest_ind");
  if (result === null) {
    return undefined;
  }
  const p: number = result.p_value;
  return p;
}

/** The estimate of the first coefficient (the intercept) of an OLS job. */
export function olsFirstEstimate(job: Job): number | undefined {
  const result = resultOf(job, "ols");
  if (result === null || result.coefficients === null) {
    return undefined;
  }
  const estimate: number = result.coefficients[0].estimate;
  return estimate;
}

/** Fields that an analysis does not have are errors, so results are not untyped. */
export function notUntyped(job: Job): unknown[] {
  const ols = resultOf(job, "ols");
  const ttest = resultOf(job, "ttest_ind");
  return [
    // @ts-expect-error: an OLS result has no p_value (its tests are per coefficient)
    ols?.p_value,
    // @ts-expect-error: a t-test result has no coefficients
    ttest?.coefficients,
    // @ts-expect-error: there is no analysis "ttest"
    resultOf(job, "ttest"),
  ];
}
