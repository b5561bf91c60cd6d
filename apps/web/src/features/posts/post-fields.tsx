import { Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { PostValues } from './post-rules';

/** Title and body, as both the new-post form and the editor show them. */
export function PostFields({ form }: { form: UseFormReturnType<PostValues> }) {
  return (
    <>
      <TextInput label="Title" placeholder="Hello, world" required {...form.getInputProps('title')} />
      <Textarea
        label="Body"
        description="Markdown, as the site renders it. It may stay empty for now."
        autosize
        minRows={4}
        maxRows={16}
        {...form.getInputProps('body')}
      />
    </>
  );
}
