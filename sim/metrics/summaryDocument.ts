import { CONFIDENCE } from './replicates';
import { REFERENCE_TABLES, type ReferenceTable } from './study';
import { DEFAULT_RULE, VERDICT_CLASSES, VERDICT_METRIC, type SummaryRow, type VerdictRule } from './verdict';

// summary.json's document (docs/OUTPUTS.md): what the CLI writes and the explorer offers for download.

export interface SummaryDocument {
  rule: { metric: string; minEffect: number; shiftRatio: number; confidence: number };
  verdictClasses: typeof VERDICT_CLASSES;
  rows: SummaryRow[];
  /** the scenario's reference table (analysis.reference), or null */
  reference: { id: string; source: string; rows: ReferenceTable['rows'] } | null;
}

/** summary.json: the verdict rows with the rule that produced them and what each class means. */
export function summaryDocument(rows: SummaryRow[], rule: VerdictRule = DEFAULT_RULE, reference: string | null = null): SummaryDocument {
  const table = reference ? REFERENCE_TABLES[reference] : undefined;
  return {
    rule: { metric: VERDICT_METRIC, minEffect: rule.minEffect, shiftRatio: rule.shiftRatio, confidence: CONFIDENCE },
    verdictClasses: VERDICT_CLASSES,
    rows,
    reference: table && reference ? { id: reference, source: table.source, rows: table.rows } : null,
  };
}
