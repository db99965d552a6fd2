// The upper tail of a binomial distribution, for PRIM's quasi-p-values (Bryant & Lempert 2010):
// how likely a box would hold at least as many cases as it does if one of its limits added nothing.

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided p-value of k successes in n trials. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Sum from the end nearer the mode outwards, where the terms only shrink: a first term that
  // underflows then stands for a tail that is truly negligible. Below the mean, the upper tail is
  // one minus the terms from k − 1 down to 0.
  const logPmf = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p);
  const ratio = p / (1 - p);
  if (k - 1 < n * p) {
    let term = Math.exp(logPmf(k - 1));
    let lower = term;
    for (let i = k - 1; i > 0 && term > lower * 1e-17; i--) {
      term *= (i / (n - i + 1)) / ratio;
      lower += term;
    }
    return Math.max(0, 1 - lower);
  }
  let term = Math.exp(logPmf(k));
  let upper = term;
  for (let i = k; i < n && term > upper * 1e-17; i++) {
    term *= ((n - i) / (i + 1)) * ratio;
    upper += term;
  }
  return Math.min(1, upper);
}
