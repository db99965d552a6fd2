'use strict';
// Decodes the map's monthly values (viz/mapCodec.ts says how they are encoded): two base-64 digits
// a month, a level q from 0 to 4095 standing for scale × (q / 4095)².
(function () {
  const WB = (window.WB = window.WB || {});
  const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const TOP = DIGITS.length * DIGITS.length - 1;
  const digit = {};
  for (let i = 0; i < DIGITS.length; i++) digit[DIGITS[i]] = i;

  /** [scale, codes] → monthly values; 0 (a series that is zero throughout) → an array of `length` zeros. */
  WB.decodeMonthly = function (series, length) {
    if (series === 0) return new Float64Array(length);
    const [scale, codes] = series;
    const out = new Float64Array(codes.length / 2);
    for (let i = 0; i < out.length; i++) {
      const q = digit[codes[2 * i]] * DIGITS.length + digit[codes[2 * i + 1]];
      out[i] = scale * (q / TOP) ** 2;
    }
    return out;
  };
})();
