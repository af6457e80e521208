// What the user's browser shows after the authority posts back to Portolan's loopback. msal-node sends the
// success page as soon as the code arrives (before the token exchange), so it says "return to Portolan"
// rather than promising the sign-in worked; the app shows the final result.
const STYLE =
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color:#1b1f24}' +
  'h1{font-size:1.4rem}p{color:#444}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export const SUCCESS_PAGE = page(
  'Portolan: signed in',
  '<h1>You can return to Portolan</h1><p>Portolan received your sign-in and is finishing it now. You can close this tab.</p>',
);

export const ERROR_PAGE = page(
  'Portolan: sign-in not completed',
  '<h1>The sign-in was not completed</h1><p>Return to Portolan to see why and to try again. You can close this tab.</p>',
);
