import bcrypt from "bcryptjs";

const COST = 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** A real hash of nothing, compared against when the e-mail is unknown so timing does not reveal it. */
export const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO2VRSuCzWcM1y7y7/5R7FMTLr4ry7yWm";
