import type { MouseEvent } from 'react';
import classes from './skip-link.module.css';

/** The id of each layout's main region, where "Skip to content" lands. */
export const MAIN_CONTENT_ID = 'main-content';

/**
 * "Skip to content": past the header and the navigation, for keyboard and
 * screen reader users. Focus moves by hand, so the router never sees a hash.
 */
export function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_CONTENT_ID) ?? document.querySelector('main');
    if (!main) return;
    event.preventDefault();
    if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    main.focus();
  };
  return (
    <a href={`#${MAIN_CONTENT_ID}`} className={classes.link} onClick={skip}>
      Skip to content
    </a>
  );
}
