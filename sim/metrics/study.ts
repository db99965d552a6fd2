import type { Echelon, Market } from '../core/types';
import type { Verdict } from './verdict';

// Reference tables a scenario can be held against (its `analysis.reference`). The DISMARK study
// (Ghent University, KU Leuven, Tilburg University; BELSPO, 2016–2018) concluded, from a Belgian
// perspective, shifts and expansions for six market × echelon rows.

export interface ReferenceTable {
  source: string;
  rows: { market: Market; echelon: Echelon; verdict: Verdict; inShort: string }[];
}

export const REFERENCE_TABLES: Readonly<Record<string, ReferenceTable>> = {
  'dismark-2018': {
    source: 'DISMARK, Displacement of drug markets (Colman et al., Ghent University/KU Leuven/Tilburg University, BELSPO, 2018)',
    rows: [
      { market: 'cannabis', echelon: 'production', verdict: 'expansion', inShort: 'plantations spread over Belgium while Dutch cultivation persists' },
      { market: 'cannabis', echelon: 'retail', verdict: 'shift', inShort: 'Belgian users stopped travelling to Dutch coffee shops and are supplied in Belgium' },
      { market: 'synthetic', echelon: 'production', verdict: 'expansion', inShort: 'production spreads to the Belgian border region, mostly Dutch-led' },
      { market: 'synthetic', echelon: 'retail', verdict: 'shift', inShort: 'Dutch suppliers post online-ordered drugs from Belgium' },
      { market: 'cocaine', echelon: 'middle', verdict: 'expansion', inShort: 'more of the cocaine entering through Antwerp stays in Belgium' },
      { market: 'cocaine', echelon: 'retail', verdict: 'shift', inShort: 'Dutch-run call centres send couriers to Belgian customers' },
    ],
  },
};
