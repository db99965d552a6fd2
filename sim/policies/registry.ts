import { administrativeEnforcement } from './administrativeEnforcement';
import { capacity } from './capacity';
import { crossBorderCooperation } from './crossBorderCooperation';
import { detectionPriority } from './detectionPriority';
import { growShopRules } from './growShopRules';
import { iCriterion } from './iCriterion';
import { investigationPriority } from './investigationPriority';
import type { PolicyModule } from './policy';
import { postChecks } from './postChecks';
import { precursorMonitoring } from './precursorMonitoring';
import { registration } from './registration';
import { shortBlows } from './shortBlows';
import { stroomplan } from './stroomplan';
import { underminingApproach } from './underminingApproach';

// The one place that maps a scenario's `type:` to its module.
const modules: PolicyModule[] = [
  iCriterion,
  shortBlows,
  investigationPriority,
  stroomplan,
  underminingApproach,
  growShopRules,
  precursorMonitoring,
  crossBorderCooperation,
  administrativeEnforcement,
  capacity,
  detectionPriority,
  postChecks,
  registration,
];

export const policyRegistry: ReadonlyMap<string, PolicyModule> = new Map(modules.map((m) => [m.type, m]));
