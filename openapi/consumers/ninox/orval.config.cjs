// orval (fetch client with a custom fetch for base URL and token); paths come from check.py.
module.exports = {
  ninox: {
    input: { target: process.env.ORVAL_INPUT },
    output: {
      target: process.env.ORVAL_OUTPUT,
      client: "fetch",
      override: { mutator: { path: process.env.ORVAL_MUTATOR, name: "customFetch" } },
    },
  },
};
