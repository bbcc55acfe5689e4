// The per-request nonce of the Content-Security-Policy (set in server.ts): only scripts carrying it
// run, so an injected <script> does not, even if some text were ever rendered as HTML.
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
