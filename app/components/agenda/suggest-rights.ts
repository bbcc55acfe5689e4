import { createContext, useContext } from "react";

/**
 * Whether the user may suggest changes to this agenda (suggest:agenda, decision 035). Set by the
 * agenda page around the live agenda: a context, as the right reaches the editors deep inside it.
 */
export const SuggestRights = createContext(false);
export const useCanSuggest = () => useContext(SuggestRights);
