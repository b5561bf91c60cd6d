/** The platform console: outside every organization, for platform admins only. */
export const PLATFORM_PATH = '/platform';

export function platformPath(page: string): string {
  return page ? `${PLATFORM_PATH}/${page}` : PLATFORM_PATH;
}
