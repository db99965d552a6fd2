// Building the page's elements. Text always goes in as textContent, never as markup, so names and
// descriptions from a scenario file (the library's or an imported one) cannot become elements.

type Attrs = Record<string, string | number | boolean | null | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(parent: Element | null, tag: K, attrs: Attrs = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

let ids = 0;
/** A fresh element id with a readable prefix. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;

/** A labelled form control: a <label> (its text) holding the control, which `make` appends to it. */
export function field<T extends HTMLElement>(parent: Element, label: string, make: (wrap: HTMLLabelElement) => T, hint?: string): T {
  const wrap = el(parent, 'label', { class: 'field' });
  el(wrap, 'span', { class: 'field-label' }, label);
  const control = make(wrap);
  if (hint) el(wrap, 'span', { class: 'field-hint' }, hint);
  return control;
}

/** The page's global libraries: d3 and the report's page code (viz/page, which sets window.WB). */
/* eslint-disable @typescript-eslint/no-explicit-any */
export const d3 = (): any => (globalThis as any).d3;
export const WB = (): any => (globalThis as any).WB;
