import { MARKETS } from '../../sim/core/types';
import type { ParameterSpec } from '../../sim/params/catalog';
import type { PolicyModule, PolicyParameterSpec } from '../../sim/policies';
import type { ScenarioContext } from '../../sim/scenario/context';
import { districtsOf } from '../../sim/scenario/context';
import type { ScenarioProblem } from '../../sim/scenario/errors';
import { formatKeyPath } from '../../sim/scenario/yamlText';
import type { DistrictMap } from '../../viz/districtMap';
import { fieldValue, type Draft, type DraftPolicy, type FieldValue } from '../draft';
import { KEY_PARAMETERS } from '../keyParameters';
import { districtPicker } from './districtPicker';
import { el, field, uid } from './dom';

// The scenario's forms: its name, dates and description, sliders for the key parameters, the other
// parameter overrides, and one card per policy event, generated from its policy module's own
// parameter spec (kind, default, range, unit, description). Every control carries the key path the
// loader's messages use (data-key), so a problem found by the CLI's checks marks its control.

export interface EditorOptions {
  context: ScenarioContext;
  map: DistrictMap;
  onChange(): void;
}

const num = (v: FieldValue) => (typeof v === 'number' ? String(v) : String(v));

export class Editor {
  readonly root: HTMLElement;
  private draft!: Draft;
  private readonly policiesBox: HTMLElement;
  private readonly overridesBox: HTMLElement;
  private readonly slidersBox: HTMLElement;
  private readonly basics: HTMLElement;
  private readonly windowsBox: HTMLElement;

  constructor(parent: Element, private readonly options: EditorOptions) {
    this.root = el(parent, 'div', { class: 'editor' });
    this.basics = el(this.root, 'fieldset', { class: 'basics' });
    this.windowsBox = el(this.root, 'fieldset', { class: 'windows', id: 'analysis' });
    const params = el(this.root, 'fieldset', { class: 'parameters', id: 'parameters' });
    el(params, 'legend', {}, 'Model parameters');
    el(params, 'p', { class: 'field-hint' }, 'Sliders for key parameters of the catalogue (sim/params/parameters.yaml), each within its plausible range; the value can also be typed.');
    this.slidersBox = el(params, 'div', { class: 'sliders' });
    this.overridesBox = el(params, 'div', { class: 'overrides' });
    const policies = el(this.root, 'fieldset', { class: 'policies', id: 'policies' });
    el(policies, 'legend', {}, 'Policy events');
    this.policiesBox = el(policies, 'div', { class: 'policy-list' });
    this.addPolicyControls(policies);
  }

  /** Shows a draft (after loading or importing one): every form is built anew. */
  show(draft: Draft): void {
    this.draft = draft;
    this.renderBasics();
    this.renderWindows();
    this.renderSliders();
    this.renderOverrides();
    this.renderPolicies();
  }

  get value(): Draft {
    return this.draft;
  }

  private changed(): void {
    this.options.onChange();
  }

  private renderBasics(): void {
    const box = this.basics;
    box.textContent = '';
    el(box, 'legend', {}, 'Scenario');
    const d = this.draft;
    const text = (label: string, key: 'name' | 'description', hint?: string) =>
      field(box, label, (w) => {
        const input = key === 'description' ? el(w, 'textarea', { rows: 2, 'data-key': key, id: `scenario-${key}` }) : el(w, 'input', { type: 'text', 'data-key': key, id: `scenario-${key}` });
        input.value = d[key];
        input.addEventListener('input', () => {
          d[key] = input.value;
          this.changed();
        });
        return input;
      }, hint);
    text('Name', 'name', 'names the exported file and the results');
    text('Description', 'description');
    const dates = el(box, 'div', { class: 'row' });
    for (const key of ['start', 'end'] as const) {
      field(dates, key === 'start' ? 'Start date' : 'End date', (w) => {
        const input = el(w, 'input', { type: 'date', 'data-key': key, id: `scenario-${key}` });
        input.value = d[key];
        input.addEventListener('change', () => {
          d[key] = input.value;
          this.changed();
        });
        return input;
      });
    }
  }

  /** The verdicts' before and after windows; rows with windows of their own keep them. */
  private renderWindows(): void {
    const box = this.windowsBox;
    box.textContent = '';
    el(box, 'legend', {}, 'Analysis windows');
    const a = this.draft.analysis;
    el(box, 'p', { class: 'field-hint' }, 'The verdicts compare the mean of the “after” window with the “before” window. Empty: the first and the last five years of the run.');
    const row = el(box, 'div', { class: 'row' });
    for (const which of ['before', 'after'] as const) {
      (['first', 'last'] as const).forEach((end, k) => {
        field(row, `${which === 'before' ? 'Before' : 'After'}: ${end} day`, (w) => {
          const input = el(w, 'input', { type: 'date', id: `window-${which}-${end}`, 'data-key': `analysis.${which}` });
          input.value = a?.[which]?.[k] ?? '';
          input.addEventListener('change', () => {
            const analysis = (this.draft.analysis ??= {});
            const pair: [string, string] = [...(analysis[which] ?? ['', ''])] as [string, string];
            pair[k] = input.value;
            if (pair[0] === '' && pair[1] === '') delete analysis[which];
            else analysis[which] = pair;
            this.changed();
          });
          return input;
        });
      });
    }
    const rows = Object.keys(a?.rows ?? {});
    if (rows.length) el(box, 'p', { class: 'field-hint', id: 'row-windows' }, `Rows with windows of their own: ${rows.join(', ')}.`);
    const reset = el(box, 'button', { type: 'button', id: 'default-windows' }, 'Use the default windows for every row');
    reset.addEventListener('click', () => {
      const reference = this.draft.analysis?.reference;
      this.draft.analysis = reference ? { reference } : undefined;
      this.renderWindows();
      this.changed();
      document.getElementById('default-windows')?.focus();
    });
  }

  private override(path: string): { path: string; value: FieldValue } | undefined {
    return [...this.draft.parameters].reverse().find((p) => p.path === path);
  }

  /** Sets a parameter override: the last one of a path wins, as in the loader. */
  private setOverride(path: string, value: FieldValue | undefined): void {
    this.draft.parameters = this.draft.parameters.filter((p) => p.path !== path);
    if (value !== undefined) this.draft.parameters.push({ path, value });
  }

  private renderSliders(): void {
    const box = this.slidersBox;
    box.textContent = '';
    for (const path of KEY_PARAMETERS) {
      const spec = this.options.context.catalog.get(path);
      if (spec) this.slider(box, spec);
    }
  }

  private slider(box: Element, spec: ParameterSpec): void {
    const row = el(box, 'div', { class: 'slider-row', 'data-parameter': spec.path });
    const id = uid('param');
    el(row, 'label', { for: id, class: 'slider-label' }, spec.path);
    const [lo, hi] = spec.range;
    const step = spec.integer ? 1 : niceStep(hi - lo);
    const current = this.override(spec.path)?.value ?? spec.value;
    const range = el(row, 'input', { type: 'range', id, min: lo, max: hi, step, 'data-key': `parameters.${spec.path}`, 'aria-describedby': `${id}-about` });
    range.value = num(current);
    const box2 = el(row, 'input', { type: 'number', min: lo, max: hi, step: 'any', 'aria-label': `${spec.path} (${spec.unit})`, class: 'slider-value', 'data-key': `parameters.${spec.path}` });
    box2.value = num(current);
    el(row, 'span', { class: 'unit' }, spec.unit);
    const reset = el(row, 'button', { type: 'button', class: 'link', 'aria-label': `reset ${spec.path} to its default ${spec.value}` }, 'default');
    el(row, 'p', { class: 'field-hint', id: `${id}-about` }, `${spec.description} (default ${spec.value}, range ${lo} to ${hi})`);
    range.addEventListener('input', () => {
      box2.value = range.value;
      this.setOverride(spec.path, Number(range.value) === spec.value ? undefined : Number(range.value));
      this.renderOverrides();
      this.changed();
    });
    box2.addEventListener('input', () => {
      const v = fieldValue(box2.value);
      if (typeof v === 'number') range.value = String(v);
      this.setOverride(spec.path, v === spec.value ? undefined : v);
      this.renderOverrides();
      this.changed();
    });
    reset.addEventListener('click', () => {
      range.value = box2.value = String(spec.value);
      this.setOverride(spec.path, undefined);
      this.renderOverrides();
      this.changed();
    });
  }

  /** Overrides other than the sliders': those a loaded scenario sets, and any a user types in by path. */
  private renderOverrides(): void {
    const box = this.overridesBox;
    box.textContent = '';
    const others = this.draft.parameters.filter((p) => !KEY_PARAMETERS.includes(p.path));
    el(box, 'h3', {}, 'Other parameter overrides');
    const list = el(box, 'ul', { class: 'override-list', id: 'overrides' });
    if (others.length === 0) el(list, 'li', { class: 'field-hint' }, 'none');
    for (const o of others) {
      const li = el(list, 'li');
      const id = uid('override');
      el(li, 'label', { for: id }, o.path);
      const input = el(li, 'input', { type: 'text', id, 'data-key': `parameters.${o.path}`, inputmode: 'decimal', size: 10 });
      input.value = num(o.value);
      const spec = this.options.context.catalog.get(o.path.split('.').slice(0, -1).join('.')) ?? this.options.context.catalog.get(o.path);
      if (spec) el(li, 'span', { class: 'unit' }, `${spec.unit} (${spec.range[0]} to ${spec.range[1]})`);
      input.addEventListener('input', () => {
        o.value = fieldValue(input.value);
        this.changed();
      });
      const remove = el(li, 'button', { type: 'button', class: 'link', 'aria-label': `remove the override of ${o.path}` }, 'remove');
      remove.addEventListener('click', () => {
        this.setOverride(o.path, undefined);
        this.renderOverrides();
        this.renderSliders();
        this.changed();
      });
    }
    const add = el(box, 'div', { class: 'row add-override' });
    const pathInput = field(add, 'Parameter path', (w) => el(w, 'input', { type: 'text', id: 'new-override-path', list: 'parameter-paths', placeholder: 'e.g. enforcement.investigationWeeks' }));
    const listId = 'parameter-paths';
    if (!document.getElementById(listId)) {
      const datalist = el(box, 'datalist', { id: listId });
      for (const p of this.options.context.catalog.keys()) el(datalist, 'option', { value: p });
    }
    const valueInput = field(add, 'Value', (w) => el(w, 'input', { type: 'text', id: 'new-override-value', inputmode: 'decimal', size: 8 }));
    const button = el(add, 'button', { type: 'button', id: 'add-override' }, 'Add override');
    button.addEventListener('click', () => {
      if (!pathInput.value.trim()) return pathInput.focus();
      this.setOverride(pathInput.value.trim(), fieldValue(valueInput.value));
      this.renderOverrides();
      this.renderSliders();
      this.changed();
      document.getElementById('new-override-path')?.focus();
    });
  }

  private addPolicyControls(box: Element): void {
    const row = el(box, 'div', { class: 'row add-policy' });
    const types = [...this.options.context.policies.values()];
    const select = field(row, 'New policy event of type', (w) => {
      const s = el(w, 'select', { id: 'new-policy-type' });
      for (const m of types) el(s, 'option', { value: m.type }, m.type);
      return s;
    });
    const about = el(row, 'p', { class: 'field-hint', id: 'new-policy-about' });
    const describe = () => (about.textContent = this.options.context.policies.get(select.value)?.description.replace(/`/g, '') ?? '');
    describe();
    select.addEventListener('change', describe);
    const add = el(row, 'button', { type: 'button', id: 'add-policy' }, 'Add policy event');
    add.addEventListener('click', () => {
      const module = this.options.context.policies.get(select.value)!;
      const policy = newPolicy(module, this.draft);
      this.draft.policies.push(policy);
      this.renderPolicies();
      this.changed();
      // Keyboard users land on the new event's first field.
      (this.policiesBox.lastElementChild?.querySelector('input, select') as HTMLElement | null)?.focus();
    });
  }

  private renderPolicies(): void {
    const box = this.policiesBox;
    box.textContent = '';
    if (this.draft.policies.length === 0) el(box, 'p', { class: 'field-hint' }, 'No policy events: the scenario runs the catalogue’s enforcement unchanged.');
    this.draft.policies.forEach((p, i) => this.policyCard(box, p, i));
  }

  private policyCard(box: Element, p: DraftPolicy, i: number): void {
    const module = this.options.context.policies.get(p.type);
    const key = (rest: string) => formatKeyPath(['policies', i, ...rest.split('.').filter(Boolean)]);
    const card = el(box, 'fieldset', { class: 'policy', 'data-policy': i, 'data-type': p.type });
    el(card, 'legend', {}, `${i + 1}. ${p.type}${p.label ? ` “${p.label}”` : ''}`);
    if (module) el(card, 'p', { class: 'field-hint' }, module.description.replace(/`/g, ''));
    const row = el(card, 'div', { class: 'row' });
    const text = (label: string, name: 'label' | 'start' | 'end', type: string, hint?: string) =>
      field(row, label, (w) => {
        const input = el(w, 'input', { type, 'data-key': key(name), class: `policy-${name}` });
        input.value = p[name];
        input.addEventListener(type === 'date' ? 'change' : 'input', () => {
          p[name] = input.value;
          this.changed();
        });
        return input;
      }, hint);
    text('Label', 'label', 'text', 'names the event in charts');
    text('Start', 'start', 'date');
    text('End', 'end', 'date', 'empty: lasts to the end of the run');
    this.targetControls(card, p, module, i);
    const params = Object.entries(module?.parameters ?? {});
    if (params.length) {
      const pbox = el(card, 'div', { class: 'row policy-parameters' });
      for (const [name, spec] of params) this.policyParameter(pbox, p, name, spec, key(`parameters.${name}`));
    }
    const remove = el(card, 'button', { type: 'button', class: 'remove-policy', 'aria-label': `remove policy event ${i + 1} (${p.type})` }, 'Remove this event');
    remove.addEventListener('click', () => {
      this.draft.policies.splice(i, 1);
      this.renderPolicies();
      this.changed();
      (document.getElementById('add-policy') as HTMLElement | null)?.focus();
    });
  }

  private policyParameter(box: Element, p: DraftPolicy, name: string, spec: PolicyParameterSpec, dataKey: string): void {
    const value = p.parameters[name] ?? spec.default;
    const hint = [spec.description, spec.unit && `(${spec.unit})`, spec.range && `from ${spec.range[0]} to ${spec.range[1]}`].filter(Boolean).join(' ');
    if (spec.kind === 'boolean') {
      const wrap = el(box, 'label', { class: 'field check' });
      const input = el(wrap, 'input', { type: 'checkbox', 'data-key': dataKey, class: `param-${name}` });
      input.checked = value === true;
      el(wrap, 'span', {}, `${name}: ${spec.description}`);
      input.addEventListener('change', () => {
        p.parameters[name] = input.checked;
        this.changed();
      });
      return;
    }
    if (spec.kind === 'market' || spec.kind === 'markets') {
      field(box, name, (w) => {
        const s = el(w, 'select', { 'data-key': dataKey, class: `param-${name}` });
        for (const m of spec.kind === 'markets' ? [...MARKETS, 'all'] : MARKETS) el(s, 'option', { value: m, selected: m === value }, m);
        s.addEventListener('change', () => {
          p.parameters[name] = s.value;
          this.changed();
        });
        return s;
      }, hint);
      return;
    }
    field(box, name, (w) => {
      const input = el(w, 'input', { type: 'number', step: 'any', min: spec.range?.[0], max: spec.range?.[1], 'data-key': dataKey, class: `param-${name}` });
      input.value = num(value);
      input.addEventListener('input', () => {
        p.parameters[name] = fieldValue(input.value);
        this.changed();
      });
      return input;
    }, hint);
  }

  /** A whole country, or districts ticked in a list or clicked on the map (both stay in step). */
  private targetControls(card: Element, p: DraftPolicy, module: PolicyModule | undefined, i: number): void {
    const world = this.options.context.world;
    const allowed = !module || module.appliesTo === 'any' ? (['BE', 'NL'] as const) : [module.appliesTo];
    const box = el(card, 'div', { class: 'target', 'data-key': formatKeyPath(['policies', i, p.target === 'districts' ? 'districts' : 'country']) });
    const group = el(box, 'div', { role: 'radiogroup', 'aria-label': `target of event ${i + 1}`, class: 'row' });
    const name = uid('target');
    const choices: { value: DraftPolicy['target']; label: string }[] = [...allowed.map((c) => ({ value: c, label: `all of ${c === 'BE' ? 'Belgium' : 'the Netherlands'}` })), { value: 'districts', label: 'chosen districts' }];
    const picker = el(box, 'div', { class: 'districts' });
    const draw = () => {
      picker.textContent = '';
      if (p.target !== 'districts') return;
      const ids = allowed.flatMap((c) => districtsOf(world, c));
      // Both countries have a Limburg: where both may be targeted, the country tells them apart.
      const names = new Map(this.options.map.districts.map((d) => [d.id, allowed.length > 1 ? `${d.name} (${d.country})` : d.name]));
      districtPicker(picker, {
        map: this.options.map,
        selectable: ids,
        selected: p.districts,
        label: (id) => names.get(id) ?? id,
        keyPath: formatKeyPath(['policies', i, 'districts']),
        onToggle: (id, on) => {
          p.districts = on ? [...p.districts, id] : p.districts.filter((d) => d !== id);
          // Keep the districts in the world's order, as a file lists them.
          p.districts.sort((a, b) => world.ids.indexOf(a) - world.ids.indexOf(b));
          this.changed();
        },
      });
    };
    for (const c of choices) {
      const wrap = el(group, 'label', { class: 'check' });
      const input = el(wrap, 'input', { type: 'radio', name, value: c.value, checked: p.target === c.value, class: `target-${c.value}` });
      el(wrap, 'span', {}, c.label);
      input.addEventListener('change', () => {
        if (!input.checked) return;
        p.target = c.value;
        if (c.value !== 'districts') p.districts = districtsOf(world, c.value);
        box.setAttribute('data-key', formatKeyPath(['policies', i, p.target === 'districts' ? 'districts' : 'country']));
        draw();
        this.changed();
      });
    }
    draw();
  }

  /** Marks the controls a problem names (by key path) and clears the others. */
  markProblems(problems: readonly ScenarioProblem[]): void {
    const keys = problems.map((p) => p.keyPath ?? '');
    for (const node of this.root.querySelectorAll<HTMLElement>('[data-key]')) {
      const k = node.getAttribute('data-key')!;
      const bad = keys.some((p) => p === k || p.startsWith(`${k}[`) || p.startsWith(`${k}.`));
      if (bad) node.setAttribute('aria-invalid', 'true');
      else node.removeAttribute('aria-invalid');
    }
  }
}

/** A new event of a module's type with its defaults: from the draft's start, on the first country it may target. */
function newPolicy(module: PolicyModule, draft: Draft): DraftPolicy {
  const target = module.appliesTo === 'any' ? 'BE' : module.appliesTo;
  const parameters: Record<string, FieldValue> = {};
  for (const [name, spec] of Object.entries(module.parameters)) parameters[name] = spec.default;
  return { type: module.type, label: '', start: draft.start, end: '', target, districts: [], parameters };
}

/** A slider step of about a hundredth of the range, rounded to 1, 2 or 5 × a power of ten. */
function niceStep(span: number): number {
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 2 ? 1 : m < 5 ? 2 : 5) * p;
}
