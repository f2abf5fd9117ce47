/** Where the plays admin lives: the list (another screen) and one play's editor. */
export const PLAYS_HREF = "/admin/plays";

export const playHref = (id: number) => `${PLAYS_HREF}/${id}`;
