import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { checkAction, checkRange, NO_FILTERS, type AuditFilters } from './audit-filters';

interface Props {
  onApply: (filters: AuditFilters) => void;
}

export function AuditFilterForm({ onApply }: Props) {
  const form = useForm<AuditFilters>({
    initialValues: NO_FILTERS,
    validate: { action: (action) => checkAction(action.trim()), toDay: checkRange },
  });

  const apply = form.onSubmit((values) => onApply({ ...values, action: values.action.trim() }));
  const clear = () => {
    form.reset();
    onApply(NO_FILTERS);
  };

  return (
    <form onSubmit={apply} noValidate aria-label="Filter the audit log">
      <Group align="flex-start" wrap="wrap">
        <TextInput label="Action" placeholder="member.role_changed" flex="1 1 220px" {...form.getInputProps('action')} />
        <TextInput label="From" type="date" w={170} {...form.getInputProps('fromDay')} />
        <TextInput label="To" type="date" w={170} {...form.getInputProps('toDay')} />
        <Group gap="xs" mt={25}>
          <Button type="submit">Apply</Button>
          <Button variant="default" onClick={clear}>
            Clear
          </Button>
        </Group>
      </Group>
    </form>
  );
}
