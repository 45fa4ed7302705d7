// The live widgets every live screen shares (board, agreement, and the screens to come).

export { avatar, avatarElement, initials } from "./avatar";
export { connectionStatus } from "./connectionStatus";
export { presenceRow, type PresenceNote } from "./presenceRow";
