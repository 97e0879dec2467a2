/** The rules screen's section headings, as the case view's. */
export const sectionTitleSx = { fontWeight: 700, mb: 1 } as const;
