/** The API's limits for a post (CreatePostDto in the OpenAPI spec), checked before sending. */
const TITLE_MAX = 200;
const BODY_MAX = 100_000;

// A type alias, not an interface: form helpers take it as a Record<string, unknown>.
export type PostValues = {
  title: string;
  body: string;
};

export function checkTitle(title: string): string | null {
  if (title.trim() === '') return 'Give the post a title';
  return title.trim().length > TITLE_MAX ? `Use up to ${TITLE_MAX} characters` : null;
}

/** A body may be empty: a draft can start as a title alone. */
export function checkBody(body: string): string | null {
  return body.length > BODY_MAX ? `Use up to ${BODY_MAX.toLocaleString('en-US')} characters` : null;
}

export const POST_VALIDATION = { title: checkTitle, body: checkBody };

export function toPostBody(values: PostValues): PostValues {
  return { title: values.title.trim(), body: values.body };
}
