import type { Echelon, Market } from '../core/types';
import type { Verdict } from './verdict';

// Reference tables a scenario can be held against (its `analysis.reference`). The DISMARK study
// (Ghent University, KU Leuven, Tilburg University; BELSPO, 2016–2018) concluded, from a Belgian
// perspective, shifts and expansions for six market × echelon rows.

/** One of the study's own readings of a row, where it gives more than one: its verdict, where it says so, its words. */
export interface Reading {
  verdict: Verdict;
  where: string;
  quote: string;
}

export interface ReferenceTable {
  source: string;
  /**
   * `readings`: where the source contradicts itself on a row, its readings; such a row counts as
   * reproduced when its indicators hold (sim/metrics/historyCheck.ts), not by one of the verdicts.
   */
  rows: { market: Market; echelon: Echelon; verdict: Verdict; inShort: string; readings?: Reading[] }[];
}

export const REFERENCE_TABLES: Readonly<Record<string, ReferenceTable>> = {
  'dismark-2018': {
    source: 'DISMARK, Displacement of drug markets (Colman et al., Ghent University/KU Leuven/Tilburg University, BELSPO, 2018)',
    rows: [
      { market: 'cannabis', echelon: 'production', verdict: 'expansion', inShort: 'plantations spread over Belgium while Dutch cultivation persists' },
      { market: 'cannabis', echelon: 'retail', verdict: 'shift', inShort: 'Belgian users stopped travelling to Dutch coffee shops and are supplied in Belgium' },
      { market: 'synthetic', echelon: 'production', verdict: 'expansion', inShort: 'production spreads to the Belgian border region, mostly Dutch-led' },
      {
        market: 'synthetic',
        echelon: 'retail',
        verdict: 'shift',
        inShort: 'Dutch suppliers post online-ordered drugs from Belgium',
        readings: [
          { verdict: 'shift', where: 'Table 1', quote: 'Dutch suppliers send mail packages of online ordered synthetic drugs from Belgium' },
          { verdict: 'expansion', where: '§3.2', quote: 'an indicator of the expansion of the synthetic drugs retail market' },
        ],
      },
      { market: 'cocaine', echelon: 'middle', verdict: 'expansion', inShort: 'more of the cocaine entering through Antwerp stays in Belgium' },
      { market: 'cocaine', echelon: 'retail', verdict: 'shift', inShort: 'Dutch-run call centres send couriers to Belgian customers' },
    ],
  },
};
