import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * With single fetch, RemixBrowser decodes the page's data on its first render and suspends the
 * root until it has, with no Suspense boundary above it. A key pressed in that gap (a keyboard user
 * who types before the scripts have run) makes React hydrate synchronously, which cannot wait for
 * the data and fails with React error 345 ("Root did not complete"). Calling it once here starts
 * the decoding and hands back its promise, so hydration begins only when nothing suspends.
 */
async function pageDataDecoded(): Promise<void> {
  try {
    RemixBrowser({});
  } catch (pending) {
    if (pending && typeof (pending as PromiseLike<void>).then === "function") await pending;
  }
}

void pageDataDecoded().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
