import { compileDictionaries } from '../src/rules/index.js';
let seed = 42; const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const syll = ['ka','lo','mi','tra','ven','dor','pel','sik','um','bra','zo','ne','qua','fli','gorp'];
const pw = () => { let w=''; const n = 2 + Math.floor(rnd()*3); for (let i=0;i<n;i++) w += syll[Math.floor(rnd()*syll.length)]; return w; };
const common = 'the a to and of is in it you that for on was with he as this be at by i not are but have from or one had word what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(' ');
function terms(n: number) { const t = ['scumbag','fuck*','cunt','shit']; while (t.length < n) t.push(rnd() < 0.1 ? pw() + ' ' + pw() : rnd() < 0.1 ? pw()+'*' : pw()); return t; }
const msgs: string[] = [];
for (let i = 0; i < 200000; i++) { const n = 8 + Math.floor(rnd()*14); const w = []; for (let j=0;j<n;j++) w.push(rnd()<0.02 ? 'scumbag' : common[Math.floor(rnd()*common.length)]); msgs.push(w.join(' ') + (rnd()<0.3?'!':'.')); }
for (const n of [100, 2000, 10000]) {
  const m = compileDictionaries([{ name:'x', category:'abuse', action:'hide', severity:'high', terms: terms(n), exceptions: [], patterns: [], tests: {mustMatch:[],mustNotMatch:[]} }]);
  for (let r = 0; r < 3; r++) { let hits = 0; const t0 = performance.now(); for (const s of msgs) hits += m.match(s).length; const dt = performance.now()-t0; console.log(n, Math.round(msgs.length/dt*1000), 'msg/s', hits); }
}
