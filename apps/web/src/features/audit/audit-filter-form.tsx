import { Autocomplete, Button, Group, NativeSelect, TextInput, type ComboboxStringGroupData } from '@mantine/core';
import { useForm } from '@mantine/form';
import { checkAction, checkRange, NO_FILTERS, type AuditFilters } from './audit-filters';

interface Props {
  onApply: (filters: AuditFilters) => void;
  /** The actions the log holds; empty while they load (or if the API cannot list them), when a typed action still works. */
  actions: string[];
  /** "Anyone", the members and the API keys. */
  actors: ComboboxStringGroupData;
}

export function AuditFilterForm({ onApply, actions, actors }: Props) {
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
        <Autocomplete
          label="Action"
          placeholder={actions.length > 0 ? 'Any action' : 'member.role_changed'}
          data={actions}
          limit={50}
          maxDropdownHeight={280}
          clearable
          // Rendered only while open: one element named "Action" otherwise, not a hidden list as well.
          comboboxProps={{ keepMounted: false }}
          flex="1 1 200px"
          {...form.getInputProps('action')}
        />
        <NativeSelect label="By" data={actors} flex="1 1 200px" {...form.getInputProps('actorId')} />
        <TextInput label="From" type="date" w={150} {...form.getInputProps('fromDay')} />
        <TextInput label="To" type="date" w={150} {...form.getInputProps('toDay')} />
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
