import { PlanCatalog } from '@plinth/quota';
import { readFileSync } from 'node:fs';

/** The default catalog, or the deployment's own from PLANS_FILE (validated; a bad file stops the boot). */
export function loadPlanCatalog(file: string | undefined): PlanCatalog {
  if (!file) return new PlanCatalog();
  try {
    return new PlanCatalog(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`PLANS_FILE ${file}: ${(error as Error).message}`);
  }
}
