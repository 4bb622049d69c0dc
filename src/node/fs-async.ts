/**
 * The promise-returning file functions the CLI uses, made from `node:fs`'s callback API. Loading
 * `node:fs/promises` costs a one-file run about a millisecond; `node:fs` is loaded anyway.
 */
import { chmod as chmodCallback, readFile as readFileCallback, realpath as realpathCallback } from "node:fs";
import { rename as renameCallback, stat as statCallback, unlink as unlinkCallback, writeFile as writeFileCallback } from "node:fs";
import { promisify } from "node:util";

export const chmod = promisify(chmodCallback);
export const readFile = promisify(readFileCallback);
export const realpath = promisify(realpathCallback);
export const rename = promisify(renameCallback);
export const stat = promisify(statCallback);
export const unlink = promisify(unlinkCallback);
export const writeFile = promisify(writeFileCallback);
