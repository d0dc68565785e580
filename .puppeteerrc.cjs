// pamphlet drives the system Chromium (puppeteer-core; Ace by DAISY in the tests through
// PUPPETEER_EXECUTABLE_PATH): no npm install may download a browser of its own.
module.exports = { skipDownload: true };
