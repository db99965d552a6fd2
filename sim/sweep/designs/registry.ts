import type { DesignType } from '../spec';
import type { DesignModule } from './design';
import { grid } from './grid';
import { lhs } from './lhs';
import { morris } from './morris';
import { points } from './points';
import { sobol } from './sobol';

// The one place that maps a sweep file's `design:` to its module.
export const designRegistry: ReadonlyMap<DesignType, DesignModule> = new Map([grid, lhs, morris, sobol, points].map((d) => [d.type, d]));
