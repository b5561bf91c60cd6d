import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FeatureUpgradeAlert } from '../../ui/feature-upgrade-alert';
import { FormAlert } from '../../ui/form-alert';
import { describeFailure } from '../../ui/api-failure';
import { planFeatureUnavailableOf, type PlanFeatureUnavailable } from '../../ui/plan-feature-unavailable';
import { usePlans } from '../billing/plans-query';
import { useUpgradePath } from '../billing/upgrade-path';
import { useShellContext } from '../shell/shell-context';
import type { AuditQuery } from './audit-filters';
import { useExportAuditLog, type AuditExport, type ExportFormat } from './audit-queries';

const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'Download CSV' },
  { format: 'ndjson', label: 'Download NDJSON' },
];

/**
 * The log as a file, for the plans that include it. The plan catalog says
 * which do, so a Free organization sees the upsell rather than a refusal;
 * should the catalog be unavailable (or out of date), the API's 402 is
 * answered with the same upsell.
 */
export function AuditExport({ filters }: { filters: AuditQuery }) {
  const { membership } = useShellContext();
  const upgradePath = useUpgradePath();
  const exportLog = useExportAuditLog(membership.organizationId);
  const catalogRefusal = useCatalogRefusal(membership.planTier);
  const [refusal, setRefusal] = useState<PlanFeatureUnavailable | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const shownRefusal = catalogRefusal ?? refusal;
  if (shownRefusal) return <FeatureUpgradeAlert refusal={shownRefusal} upgradePath={upgradePath} />;

  const download = (format: ExportFormat) => {
    setFailure(null);
    exportLog.mutate(
      { format, filters },
      {
        onSuccess: saveFile,
        onError: (error) => {
          const planRefusal = planFeatureUnavailableOf(error);
          if (planRefusal) setRefusal(planRefusal);
          else setFailure(describeFailure(error));
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        The entries that match the filters above, newest first: CSV for a spreadsheet, NDJSON (one JSON entry a line) for scripts.
      </Text>
      <Group gap="sm">
        {FORMATS.map(({ format, label }) => (
          <Button
            key={format}
            variant="default"
            loading={exportLog.isPending && exportLog.variables?.format === format}
            disabled={exportLog.isPending}
            onClick={() => download(format)}
          >
            {label}
          </Button>
        ))}
      </Group>
      <FormAlert message={failure} />
    </Stack>
  );
}

/** The catalog's answer before anyone clicks: null while it loads, cannot load, or the plan has the export. */
function useCatalogRefusal(planTier: string): PlanFeatureUnavailable | null {
  const plans = usePlans();
  const current = plans.data?.find((plan) => plan.tier === planTier);
  if (!current || current.features.auditExport) return null;
  const requiredTier = plans.data?.find((plan) => plan.features.auditExport)?.tier ?? null;
  return { feature: 'auditExport', requiredTier, upgradeUrl: '/pricing' };
}

/** Hands the file to the browser's downloads. */
function saveFile({ file, filename }: AuditExport): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by then; the URL would otherwise hold the file in memory until the tab closes.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
