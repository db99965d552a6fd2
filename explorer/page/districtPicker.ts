import type { DistrictMap } from '../../viz/districtMap';
import { d3, el, uid } from './dom';

// Districts of a policy event, picked on a map (a click toggles a district) or in a list of
// checkboxes beside it, which keyboard and screen-reader users work through; both stay in step.

export interface PickerOptions {
  map: DistrictMap;
  /** the districts the event may target */
  selectable: readonly string[];
  selected: readonly string[];
  label(id: string): string;
  /** the loader's key path of the list (data-key), so a problem with it marks the list */
  keyPath: string;
  onToggle(id: string, on: boolean): void;
}

const WIDTH = 260;

export function districtPicker(parent: Element, options: PickerOptions): void {
  const chosen = new Set(options.selected);
  const wrap = el(parent, 'div', { class: 'picker' });
  const svgBox = el(wrap, 'div', { class: 'picker-map' });
  const list = el(wrap, 'fieldset', { class: 'picker-list', 'data-key': options.keyPath });
  el(list, 'legend', {}, 'Districts (or click them on the map)');
  const boxes = new Map<string, HTMLInputElement>();
  for (const id of options.selectable) {
    const label = el(list, 'label', { class: 'check' });
    const input = el(label, 'input', { type: 'checkbox', value: id, checked: chosen.has(id), 'data-district': id });
    el(label, 'span', {}, options.label(id));
    input.addEventListener('change', () => toggle(id, input.checked));
    boxes.set(id, input);
  }
  const projection = d3().geoMercator().fitWidth(WIDTH, options.map.geojson);
  const height = Math.ceil(d3().geoPath(projection).bounds(options.map.geojson)[1][1]) + 2;
  const svg = d3()
    .select(svgBox)
    .append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', 'map of the districts: click one to add it to the event or take it out (the list beside does the same)')
    .attr('id', uid('picker'));
  const shapes = svg
    .append('g')
    .selectAll('path')
    .data(options.map.geojson.features)
    .join('path')
    .attr('d', d3().geoPath(projection))
    .attr('data-district', (f: { properties: { id: string } }) => f.properties.id)
    .attr('class', (f: { properties: { id: string } }) => (options.selectable.includes(f.properties.id) ? 'pickable' : 'not-pickable'));
  shapes.append('title').text((f: { properties: { id: string; name: string } }) => f.properties.name);
  const paint = () => shapes.classed('chosen', (f: { properties: { id: string } }) => chosen.has(f.properties.id));
  shapes.on('click', (_: Event, f: { properties: { id: string } }) => {
    const id = f.properties.id;
    if (!options.selectable.includes(id)) return;
    toggle(id, !chosen.has(id));
  });
  function toggle(id: string, on: boolean) {
    if (on) chosen.add(id);
    else chosen.delete(id);
    boxes.get(id)!.checked = on;
    paint();
    options.onToggle(id, on);
  }
  paint();
}
