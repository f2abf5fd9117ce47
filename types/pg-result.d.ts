declare module "pg/lib/result.js" {
  const Result: unknown;
  export default Result;
}
