// The widgets the screens share: the live ones (board, agreement, and the screens to come), a labelled field, the
// audit table, and colours set through the CSSOM.

export { auditTable } from "./auditTable";
export { avatar, initials } from "./avatar";
export { connectionStatus } from "./connectionStatus";
export { cssProps } from "./cssProps";
export { field, hintId } from "./field";
export { presenceRow, type PresenceNote } from "./presenceRow";
export { barChart, barGeometry, type BarChartSpec, type BarRow } from "./barChart";
export { dumbbellChart, dumbbellX, type DumbbellSpec, type DumbbellRow, type DumbbellPoint } from "./dumbbellChart";
