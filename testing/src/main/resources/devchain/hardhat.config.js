// The dev chain the health-check tests run against: a block every second, as a validator set would produce.
module.exports = {
  networks: {
    hardhat: {
      mining: { auto: true, interval: 1000 },
    },
  },
};
