import * as fontkit from 'fontkit';
const f = fontkit.openSync('/tmp/expo/node_modules/@expo-google-fonts/eb-garamond/500Medium/EBGaramond_500Medium.ttf');
console.log(f.postscriptName, f.availableFeatures.join(' '), f.characterSet.length, f.numGlyphs);
console.log(f.layout('Capitalist', ['smcp']).glyphs.map(g=>g.name).join(' '));
