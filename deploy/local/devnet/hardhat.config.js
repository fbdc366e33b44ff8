// The local-devnet chain ./portal up runs: a block every 3 seconds, and one per transaction.
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      mining: { auto: true, interval: 3000 },
    },
  },
};
