// The server's close codes are the shared table (shared/close-codes.ts), which the browser imports
// too; the words a user reads for them are the app's (app/i18n/collab.ts).
export { CloseCode, closeCodeInfo, describeCloseCode } from "../shared/close-codes";
export type { CloseCodeInfo, CloseCodeName, CloseCodeValue } from "../shared/close-codes";
