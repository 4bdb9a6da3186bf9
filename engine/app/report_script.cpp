#include "report_script.hpp"

namespace shinrin::app {

std::string_view report_style() {
  return R"css(
body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;margin:0;
 color:#1d2a22;background:#fbfcfa;line-height:1.45}
header{background:#2f5d3a;color:#fff;padding:1em 2em}
header h1{margin:0;font-size:1.5em}
header p{margin:.3em 0 0;opacity:.85}
nav{padding:.5em 2em;background:#e6efe4;font-size:.95em}
nav a{margin-right:1.2em;color:#234}
main{padding:0 2em 3em;max-width:1300px}
h2{border-bottom:2px solid #2f5d3a;padding-bottom:.2em;margin-top:1.8em}
table{border-collapse:collapse;font-size:.88em;margin:.5em 0}
th,td{border:1px solid #c9d3c6;padding:.25em .55em;vertical-align:top}
th{background:#eef3ec;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:bold;background:#f3f6f2}
.wide{overflow-x:auto}
.code{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
.note{color:#4a5a50;font-size:.9em;max-width:80em}
.warn{color:#8a3b00}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:1.2em}
.chart{background:#fff;border:1px solid #d8e0d5;padding:.6em;height:340px;position:relative}
.chart h3{margin:0 0 .3em;font-size:1em}
.chart .box{position:relative;height:290px}
#map-wrap{background:#fff;border:1px solid #d8e0d5;padding:.6em}
#map-wrap svg{width:100%;height:70vh;background:#f4f6f8}
#map-wrap path{stroke:#36413a;stroke-width:.4px;vector-effect:non-scaling-stroke;fill:#ccc}
#map-wrap path:hover{stroke:#d00;stroke-width:1.5px}
#map-legend{display:flex;flex-wrap:wrap;gap:.3em 1em;margin:.5em 0;font-size:.88em}
#map-legend span.sw{display:inline-block;width:1.1em;height:.9em;margin-right:.3em;
 vertical-align:middle;border:1px solid #777}
#map-info{min-height:1.4em;font-size:.9em}
#report-check{display:none}
)css";
}

std::string_view report_error_catcher() {
  return R"js(
window.reportErrors=[];
window.addEventListener('error',function(e){window.reportErrors.push(String(e.message||e));});
window.addEventListener('unhandledrejection',function(e){window.reportErrors.push(String(e.reason));});
(function(){var ce=console.error;console.error=function(){
 window.reportErrors.push(Array.prototype.map.call(arguments,String).join(' '));
 return ce.apply(console,arguments);};})();
)js";
}

std::string_view report_script() {
  return R"js(
(function(){
'use strict';
var R=REPORT,L=R.labels,check=['lang '+R.lang];
var palette=['#2f6f3e','#7bb662','#a0522d','#d2a24c','#6b4f2a','#3b7ea1','#8e6bbf','#c95f8a',
 '#4c9f9f','#b8b23a','#7f7f7f','#d9773b'];
function isNum(v){return typeof v==='number'&&isFinite(v);}
function points(ch){var n=0;ch.data.datasets.forEach(function(ds){
 ds.data.forEach(function(v){if(isNum(v))n++;});});return n;}
function chart(id,type,labels,sets,stacked){
 var el=document.getElementById(id);if(!el)return;
 var ch=new Chart(el,{type:type,data:{labels:labels,datasets:sets.map(function(s,i){
  var c=s.color||palette[i%palette.length];
  return {label:s.label,data:s.data,borderColor:c,backgroundColor:type==='line'?c+'33':c,
   fill:stacked&&type==='line'?(i?'-1':'origin'):false,pointRadius:type==='line'?1.5:0,borderWidth:type==='line'?2:1,spanGaps:false};})},
  options:{animation:false,responsive:true,maintainAspectRatio:false,
   interaction:{mode:'index',intersect:false},
   plugins:{legend:{position:'bottom'}},
   scales:{x:{stacked:!!stacked,title:{display:true,text:s2(id)}},
    y:{stacked:!!stacked,beginAtZero:true}}}});
 check.push('chart '+id+' '+points(ch));
}
function s2(id){return id==='chart-age'?L.age_class:L.fiscal_year;}
function series(obj,keys){return keys.filter(function(k){return obj[k];}).map(function(k){
 return {label:L[k],data:obj[k]};});}
var years=R.years,flowYears=R.years.slice(1);
function flows(a){return a?a.slice(1):a;}
chart('chart-stocks','line',years,series(R.stocks,['carbon_ag','carbon_bg','carbon_dead_wood',
 'carbon_litter','carbon_soil','carbon_hwp_sawnwood','carbon_hwp_panels','carbon_hwp_paper']),true);
chart('chart-flux','bar',flowYears,[{label:L.removal,data:flows(R.flux.removal),color:'#2f6f3e'},
 {label:L.emission,data:flows(R.flux.emission),color:'#c0582d'}],false);
chart('chart-harvest-area','bar',flowYears,[{label:L.thinned,data:flows(R.harvest.thinned),
 color:'#7bb662'},{label:L.felled,data:flows(R.harvest.felled),color:'#a0522d'}],false);
chart('chart-harvest-streams','bar',flowYears,['sawlog','other_industrial','fuelwood','stems_left',
 'residues_collected','residues_left'].filter(function(k){return R.streams[k];}).map(function(k){
 return {label:L[k],data:flows(R.streams[k])};}),true);
if(R.age&&R.age.start){var sets=[{label:L.start+' ('+R.age.start_year+')',data:R.age.start,
 color:'#7bb662'}];
 if(R.age.end)sets.push({label:L.end+' ('+R.age.end_year+')',data:R.age.end,color:'#2f5d3a'});
 chart('chart-age','bar',R.age.labels,sets,false);}

// The map: colour each parcel's path by the selected variable.
var svg=document.getElementById('map-svg');
if(svg&&R.map){
 var paths=svg.querySelectorAll('path[data-p]'),sel=document.getElementById('map-variable'),
  legend=document.getElementById('map-legend'),info=document.getElementById('map-info');
 var ramp=['#f7fcb9','#d9f0a3','#addd8e','#78c679','#41ab5d','#238443','#005a32'];
 var coloured=0;
 function fmt(v){var a=Math.abs(v);return a>=100?v.toFixed(0):a>=10?v.toFixed(1):v.toPrecision(3);}
 function colourBy(name){
  var v=R.map.variables.filter(function(x){return x.name===name;})[0];if(!v)return;
  var colourOf,items=[];
  if(v.categories&&v.categories.length){
   colourOf=function(x){return isNum(x)?palette[x%palette.length]:null;};
   v.categories.forEach(function(c,i){items.push([palette[i%palette.length],c]);});
  }else{
   var vals=v.values.filter(isNum).sort(function(a,b){return a-b;}),br=[];
   for(var k=1;k<ramp.length;k++)br.push(vals.length?vals[Math.floor(k*(vals.length-1)/ramp.length)]:0);
   colourOf=function(x){if(!isNum(x))return null;var k=0;while(k<br.length&&x>br[k])k++;return ramp[k];};
   if(vals.length){var lo=vals[0];for(var k2=0;k2<ramp.length;k2++){
    var hi=k2<br.length?br[k2]:vals[vals.length-1];
    if(k2>0&&hi===br[k2-1]&&k2<br.length)continue;
    items.push([ramp[k2],fmt(lo)+' – '+fmt(hi)]);lo=hi;}}
  }
  coloured=0;
  for(var i=0;i<paths.length;i++){var p=+paths[i].getAttribute('data-p'),c=colourOf(v.values[p]);
   paths[i].style.fill=c||'#cccccc';if(c)coloured++;}
  legend.innerHTML='';
  var head=document.createElement('strong');head.textContent=v.label;legend.appendChild(head);
  items.concat([['#cccccc',L.no_value]]).forEach(function(it){var s=document.createElement('span'),
   sw=document.createElement('span');sw.className='sw';sw.style.background=it[0];s.appendChild(sw);
   s.appendChild(document.createTextNode(it[1]));legend.appendChild(s);});
  svg.onmousemove=function(e){var t=e.target;if(!t.hasAttribute||!t.hasAttribute('data-p'))return;
   var p=+t.getAttribute('data-p'),x=v.values[p];
   info.textContent=R.map.ids[p]+': '+v.label+' = '+(isNum(x)?(v.categories&&v.categories.length?
    v.categories[x]:fmt(x)):L.no_value);};
 }
 R.map.variables.forEach(function(v){var o=document.createElement('option');o.value=v.name;
  o.textContent=v.label;sel.appendChild(o);});
 sel.value=R.map.selected;sel.onchange=function(){colourBy(sel.value);};
 colourBy(R.map.selected);
 check.push('map_variable '+sel.value);check.push('map_paths '+paths.length);check.push('map_coloured '+coloured);
}else{check.push('map_paths 0');}
var yearly=document.querySelector('#yearly-table tbody');
check.push('yearly_rows '+(yearly?yearly.rows.length:0));
window.reportErrors.forEach(function(e){check.push('error '+e.replace(/\s+/g,' '));});
check.push('done');
document.getElementById('report-check').textContent=check.join('\n');
})();
)js";
}

}  // namespace shinrin::app
