package stats_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/gonum/floats/scalar"
)

// The expected values below come from statsmodels 0.13.5 (Debian), with
// the data frame df built by this script (/usr/bin/python3); each fixture
// names the fit that produced it.
//
//	import numpy as np, pandas as pd, statsmodels.formula.api as smf
//	from statsmodels.stats.anova import anova_lm
//	from statsmodels.stats.stattools import durbin_watson, jarque_bera, omni_normtest
//	from statsmodels.stats.outliers_influence import variance_inflation_factor
//	rng = np.random.default_rng(20240601)
//	n = 40
//	x1 = np.round(rng.normal(5, 2, n), 2)
//	x2 = np.round(rng.uniform(-3, 3, n), 2)
//	g = np.array(list("abc"))[rng.integers(0, 3, n)]
//	y = np.round(1.5 + 0.8*x1 - 0.5*x2 + (g == "b")*1.2 - (g == "c")*0.7 + 0.3*x1*(g=="c")
//	             + rng.standard_t(5, n)*(0.5+0.1*np.abs(x2)), 3)
//	df = pd.DataFrame(dict(x1=x1, x2=x2, g=g, y=y))
//	r = smf.ols(formula, df).fit()            # or .fit(cov_type="HC3")
//	e = r.resid.values
//	# r.params, r.bse, r.tvalues, r.pvalues, r.conf_int(0.05), r.df_model, r.df_resid,
//	# r.rsquared, r.rsquared_adj, r.fvalue, r.f_pvalue, r.llf, r.aic, r.bic,
//	# durbin_watson(e), jarque_bera(e), omni_normtest(e), r.condition_number,
//	# anova_lm(r, typ=2), [variance_inflation_factor(r.model.exog, i) for i in 1..k-1]

type olsAnovaRow struct {
	term  string
	sumSq float64
	df    int
	f, p  float64
}

type olsWant struct {
	columns                                      []string
	terms                                        []stats.DesignTerm
	params, bse, tvalues, pvalues, ciLow, ciHigh []float64
	dfModel, dfResid                             int
	rsquared, rsquaredAdj, fvalue, fPValue       float64
	llf, aic, bic, durbinWatson, condition       float64
	jb                                           [4]float64
	omnibus                                      [2]float64
	anova                                        []olsAnovaRow
	vif                                          []float64
}

var olsX1 = []float64{6.3, 5.94, 3.71, 2.64, 4.71, 7.41, 7.67, 6.82, 5.69, 8.2, 7.47, 4.56, 2.88, 4.27, 4.16, 6.38, 1.2, 4.62, 8.34, 3.16, 3.48, 4.83, 2.16, 4.74, 4.97, 4.99, 3.02, 4.27, 6.31, 3.57, 6.09, 6.31, 2.15, 3.71, 6.31, 5.99, 5.36, 4.3, 5.22, 8.75}
var olsX2 = []float64{0.22, -0.36, -0.95, 2.31, -2.48, 1.74, -1.38, -1.23, 1.12, 0.97, -2.57, -1.45, -2.25, 0.58, -0.4, 2.96, 0.65, -0.67, 1.26, 1.84, 2.59, -0.76, 2.83, 2.2, 2.81, 1.49, -1.96, 1.12, 2.22, -0.52, 2.41, 1.68, 0.68, 0.68, 2.83, -1.53, -2.27, -2.43, -1.41, -1.8}
var olsY = []float64{7.423, 9.235, 2.029, 2.495, 8.422, 8.559, 10.113, 9.587, 6.096, 7.072, 10.032, 7.05, 6.929, 5.268, 6.103, 8.744, 4.559, 6.907, 8.386, 3.588, 1.448, 5.957, 2.808, 4.84, 5.987, 6.517, 5.598, 4.744, 6.65, 5.944, 4.215, 6.13, 3.527, 5.585, 8.52, 9.071, 6.008, 5.787, 8.188, 10.201}
var olsG = []string{"c", "b", "a", "c", "b", "b", "b", "c", "a", "a", "b", "b", "a", "c", "b", "b", "b", "c", "b", "c", "c", "b", "c", "c", "c", "c", "b", "b", "b", "b", "a", "a", "a", "b", "b", "c", "c", "c", "b", "b"}

// olsMain: smf.ols('y ~ x1 + x2 + C(g)', df).fit()
var olsMain = olsWant{
	columns: []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x1", "x2"},
	terms:   []stats.DesignTerm{{Name: "Intercept", Start: 0, End: 1}, {Name: "C(g)", Start: 1, End: 3}, {Name: "x1", Start: 3, End: 4}, {Name: "x2", Start: 4, End: 5}},
	params:  []float64{1.0718937751210276, 1.7206867613082908, 0.833792730500122, 0.8559036557573164, -0.40643756476119497},         // params
	bse:     []float64{0.6730763500755926, 0.5077755333263656, 0.5273947521622935, 0.10282322247385288, 0.10392205056865739},        // bse
	tvalues: []float64{1.5925292502115758, 3.3886759963330952, 1.580965163346073, 8.324030653434985, -3.9109848442865065},           // tvalues
	pvalues: []float64{0.12025837637609853, 0.0017513444980323868, 0.12288206631977198, 8.162492794059016e-10, 0.00040357527396217}, // pvalues
	ciLow:   []float64{-0.29452385948523596, 0.6898476253308901, -0.23687553718217447, 0.6471614166048989, -0.6174105435406594},     // conf_int(0.05)[0]
	ciHigh:  []float64{2.438311409727291, 2.7515258972856915, 1.9044609981824185, 1.064645894909734, -0.1954645859817306},           // conf_int(0.05)[1]
	dfModel: 4, dfResid: 35,                                                                                                         // df_model, df_resid
	rsquared: 0.77508628269977, rsquaredAdj: 0.749381857865458, // rsquared, rsquared_adj
	fvalue: 30.15380766914234, fPValue: 6.661315109334425e-11, // fvalue, f_pvalue
	llf: -59.14464112208138, aic: 128.28928224416276, bic: 136.73367951473244, // llf, aic, bic
	durbinWatson: 1.7315708470876627,                                                                            // durbin_watson(resid)
	jb:           [4]float64{0.18559158415741786, 0.9113795922268064, -0.16386594562040854, 3.0628232278553718}, // jarque_bera(resid)
	omnibus:      [2]float64{0.5347493454446565, 0.7653862483870217},                                            // omni_normtest(resid)
	condition:    25.908934991006504,                                                                            // condition_number
	// anova_lm(fit, typ=2): sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"C(g)", 15.99106608935896, 2, 6.20898001708909, 0.0049225554416624075}, {"x1", 89.22663239215301, 1, 69.28948631932528, 8.162492794058959e-10}, {"x2", 19.69697013280137, 1, 15.295802452238748, 0.0004035752739621702}, {"Residual", 45.0707935592582, 35, 0.0, 0.0}},
	vif:   []float64{1.9972355417736232, 1.9655578933012734, 1.055365061034413, 1.0392434936694646}, // variance_inflation_factor(exog, i), i ≥ 1
}

// olsMainHC3: smf.ols('y ~ x1 + x2 + C(g)', df).fit(cov_type='HC3')
var olsMainHC3 = olsWant{
	columns: []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x1", "x2"},
	terms:   []stats.DesignTerm{{Name: "Intercept", Start: 0, End: 1}, {Name: "C(g)", Start: 1, End: 3}, {Name: "x1", Start: 3, End: 4}, {Name: "x2", Start: 4, End: 5}},
	params:  []float64{1.0718937751210276, 1.7206867613082908, 0.833792730500122, 0.8559036557573164, -0.40643756476119497},       // params
	bse:     []float64{1.1533234457116381, 0.7761034562297513, 0.8042288550151319, 0.11150482768990631, 0.14088422728164618},      // bse
	tvalues: []float64{0.9293956340752565, 2.2170842656303194, 1.0367605256894619, 7.6759336208973385, -2.884904666784825},        // tvalues
	pvalues: []float64{0.35268408958914166, 0.026617333792312244, 0.29984747651165, 1.6421815289350465e-14, 0.003915322055856949}, // pvalues
	ciLow:   []float64{-1.1885786409994195, 0.19955193882091993, -0.7424668606574212, 0.6373582093827554, -0.6825655762229768},    // conf_int(0.05)[0]
	ciHigh:  []float64{3.3323661912414746, 3.2418215837956614, 2.4100523216576653, 1.0744491021318774, -0.13030955329941313},      // conf_int(0.05)[1]
	dfModel: 4, dfResid: 35,                                                                                                       // df_model, df_resid
	rsquared: 0.77508628269977, rsquaredAdj: 0.749381857865458, // rsquared, rsquared_adj
	fvalue: 33.200313512763316, fPValue: 1.8155021220785178e-11, // fvalue, f_pvalue
	llf: -59.14464112208138, aic: 128.28928224416276, bic: 136.73367951473244, // llf, aic, bic
	durbinWatson: 1.7315708470876627,                                                                            // durbin_watson(resid)
	jb:           [4]float64{0.18559158415741786, 0.9113795922268064, -0.16386594562040854, 3.0628232278553718}, // jarque_bera(resid)
	omnibus:      [2]float64{0.5347493454446565, 0.7653862483870217},                                            // omni_normtest(resid)
	condition:    25.908934991006504,                                                                            // condition_number
	// anova_lm(smf.ols(formula, df).fit(), typ=2), the nonrobust fit: sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"C(g)", 15.99106608935896, 2, 6.20898001708909, 0.0049225554416624075}, {"x1", 89.22663239215301, 1, 69.28948631932528, 8.162492794058959e-10}, {"x2", 19.69697013280137, 1, 15.295802452238748, 0.0004035752739621702}, {"Residual", 45.0707935592582, 35, 0.0, 0.0}},
	vif:   []float64{1.9972355417736232, 1.9655578933012734, 1.055365061034413, 1.0392434936694646}, // variance_inflation_factor(exog, i), i ≥ 1
}

// olsInteraction: smf.ols('y ~ x1 * C(g) + x2', df).fit()
var olsInteraction = olsWant{
	columns: []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x1", "x1:C(g)[T.b]", "x1:C(g)[T.c]", "x2"},
	terms:   []stats.DesignTerm{{Name: "Intercept", Start: 0, End: 1}, {Name: "C(g)", Start: 1, End: 3}, {Name: "x1", Start: 3, End: 4}, {Name: "x1:C(g)", Start: 4, End: 6}, {Name: "x2", Start: 6, End: 7}},
	params:  []float64{2.48695982158139, 0.5502516270338136, -2.856802488066212, 0.5610420060716147, 0.25191297366505017, 0.7783412912301062, -0.29071590813071163},        // params
	bse:     []float64{1.1190535918972369, 1.3395752395408227, 1.6699315954835874, 0.21065764288819938, 0.2456618119659641, 0.3338148573646411, 0.1103590027966382},        // bse
	tvalues: []float64{2.2223777659879658, 0.4107657493150052, -1.7107302453541064, 2.6632881597814704, 1.0254462085460485, 2.331655629035974, -2.634274511037604},         // tvalues
	pvalues: []float64{0.03322484259656061, 0.6838994464672876, 0.09651762055020234, 0.011871421494073005, 0.3126111412217754, 0.025971682209004296, 0.012738539510759627}, // pvalues
	ciLow:   []float64{0.21022817020083284, -2.175134689896352, -6.2543038647715505, 0.13245580909095322, -0.2478897407788267, 0.09918985740587494, -0.5152429875317264},   // conf_int(0.05)[0]
	ciHigh:  []float64{4.7636914729619475, 3.275637943963979, 0.5406988886391271, 0.9896282030522762, 0.7517156881089271, 1.4574927250543375, -0.06618882872969692},        // conf_int(0.05)[1]
	dfModel: 6, dfResid: 33,                                                                                                                                                // df_model, df_resid
	rsquared: 0.8077814292144677, rsquaredAdj: 0.7728325981625528, // rsquared, rsquared_adj
	fvalue: 23.113260298020947, fPValue: 1.6526906326509533e-10, // fvalue, f_pvalue
	llf: -56.00296640347609, aic: 126.00593280695217, bic: 137.82808898574973, // llf, aic, bic
	durbinWatson: 2.130734200793157,                                                                           // durbin_watson(resid)
	jb:           [4]float64{2.5451686565574256, 0.28010679767178903, -0.5565468121549021, 3.536771625046742}, // jarque_bera(resid)
	omnibus:      [2]float64{3.7657552252498103, 0.15215164170952547},                                         // omni_normtest(resid)
	condition:    83.46435139593723,                                                                           // condition_number
	// anova_lm(fit, typ=2): sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"C(g)", 15.991066089358954, 2, 6.849939841046563, 0.0032491513420139415}, {"x1", 89.2266323921524, 1, 76.44231606448473, 4.178613274876708e-10}, {"x1:C(g)", 6.551828926408178, 2, 2.8065442131209295, 0.07487901188730213}, {"x2", 8.099957208962264, 1, 6.939402199502406, 0.012738539510759659}, {"Residual", 38.51896463285001, 33, 0.0, 0.0}},
	vif:   []float64{15.33509469986499, 21.740928644385267, 4.886987490898039, 19.02264220808965, 20.3265393643254, 1.2929565465326538}, // variance_inflation_factor(exog, i), i ≥ 1
}

// olsInteractionHC3: smf.ols('y ~ x1 * C(g) + x2', df).fit(cov_type='HC3')
var olsInteractionHC3 = olsWant{
	columns: []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x1", "x1:C(g)[T.b]", "x1:C(g)[T.c]", "x2"},
	terms:   []stats.DesignTerm{{Name: "Intercept", Start: 0, End: 1}, {Name: "C(g)", Start: 1, End: 3}, {Name: "x1", Start: 3, End: 4}, {Name: "x1:C(g)", Start: 4, End: 6}, {Name: "x2", Start: 6, End: 7}},
	params:  []float64{2.48695982158139, 0.5502516270338136, -2.856802488066212, 0.5610420060716147, 0.25191297366505017, 0.7783412912301062, -0.29071590813071163},       // params
	bse:     []float64{2.0821058738446583, 2.1928876618658877, 2.1368648778214006, 0.28543146634283484, 0.30916115863853194, 0.3259944583682191, 0.12341146654690172},     // bse
	tvalues: []float64{1.194444457807114, 0.2509255884843707, -1.336913025113132, 1.965592698170639, 0.8148273695648303, 2.387590559441197, -2.355663669390291},           // tvalues
	pvalues: []float64{0.2323041549829432, 0.8018716404335814, 0.18125102867441445, 0.04934567824243765, 0.4151711320170326, 0.016959223937323086, 0.018489649837774763},  // pvalues
	ciLow:   []float64{-1.5938927031534371, -3.7477292123655745, -7.04498068842474, 0.0016066119852018446, -0.3540317626851467, 0.13940389366875472, -0.5325979378419087}, // conf_int(0.05)[0]
	ciHigh:  []float64{6.5678123463162175, 4.848232466433202, 1.3313757122923158, 1.1204774001580275, 0.857857710015247, 1.4172786887914577, -0.04883387841951456},        // conf_int(0.05)[1]
	dfModel: 6, dfResid: 33,                                                                                                                                               // df_model, df_resid
	rsquared: 0.8077814292144677, rsquaredAdj: 0.7728325981625528, // rsquared, rsquared_adj
	fvalue: 25.3572529829501, fPValue: 4.909267305744526e-11, // fvalue, f_pvalue
	llf: -56.00296640347609, aic: 126.00593280695217, bic: 137.82808898574973, // llf, aic, bic
	durbinWatson: 2.130734200793157,                                                                           // durbin_watson(resid)
	jb:           [4]float64{2.5451686565574256, 0.28010679767178903, -0.5565468121549021, 3.536771625046742}, // jarque_bera(resid)
	omnibus:      [2]float64{3.7657552252498103, 0.15215164170952547},                                         // omni_normtest(resid)
	condition:    83.46435139593723,                                                                           // condition_number
	// anova_lm(smf.ols(formula, df).fit(), typ=2), the nonrobust fit: sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"C(g)", 15.991066089358954, 2, 6.849939841046563, 0.0032491513420139415}, {"x1", 89.2266323921524, 1, 76.44231606448473, 4.178613274876708e-10}, {"x1:C(g)", 6.551828926408178, 2, 2.8065442131209295, 0.07487901188730213}, {"x2", 8.099957208962264, 1, 6.939402199502406, 0.012738539510759659}, {"Residual", 38.51896463285001, 33, 0.0, 0.0}},
	vif:   []float64{15.33509469986499, 21.740928644385267, 4.886987490898039, 19.02264220808965, 20.3265393643254, 1.2929565465326538}, // variance_inflation_factor(exog, i), i ≥ 1
}

// olsNoIntercept: smf.ols('y ~ 0 + x1 + x2', df).fit()
var olsNoIntercept = olsWant{
	columns: []string{"x1", "x2"},
	terms:   []stats.DesignTerm{{Name: "x1", Start: 0, End: 1}, {Name: "x2", Start: 1, End: 2}},
	params:  []float64{1.2452502820474902, -0.42230004457112247},    // params
	bse:     []float64{0.04233545417467623, 0.12778143318530502},    // bse
	tvalues: []float64{29.413887398245055, -3.304862326584762},      // tvalues
	pvalues: []float64{9.424441034613657e-28, 0.002079930632829857}, // pvalues
	ciLow:   []float64{1.1595466356616375, -0.6809800322525016},     // conf_int(0.05)[0]
	ciHigh:  []float64{1.330953928433343, -0.16362005688974335},     // conf_int(0.05)[1]
	dfModel: 2, dfResid: 38,                                         // df_model, df_resid
	rsquared: 0.9579293703092544, rsquaredAdj: 0.9557151266413204, // rsquared, rsquared_adj
	fvalue: 432.62147891928294, fPValue: 7.171355215091982e-27, // fvalue, f_pvalue
	llf: -69.9939280290984, aic: 143.9878560581968, bic: 147.36561496642466, // llf, aic, bic
	durbinWatson: 1.730803968863478,                                                                         // durbin_watson(resid)
	jb:           [4]float64{0.8870362622929983, 0.6417745975195409, -0.36357537756393, 2.9410632823039666}, // jarque_bera(resid)
	omnibus:      [2]float64{1.2318009452322969, 0.540154282111731},                                         // omni_normtest(resid)
	condition:    3.0461453332784827,                                                                        // condition_number
	// anova_lm(fit, typ=2): sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"x1", 1765.2480116955478, 1, 865.1767718766392, 9.424441034613615e-28}, {"x2", 22.28474273684324, 1, 10.922114997679248, 0.0020799306328298647}, {"Residual", 77.53262295626598, 38, 0.0, 0.0}},
}

// olsImplicit: smf.ols('y ~ 0 + C(g) + x1', df).fit()
var olsImplicit = olsWant{
	columns: []string{"C(g)[a]", "C(g)[b]", "C(g)[c]", "x1"},
	terms:   []stats.DesignTerm{{Name: "C(g)", Start: 0, End: 3}, {Name: "x1", Start: 3, End: 4}},
	params:  []float64{0.8108642420775736, 2.7744633919563664, 1.607768016214349, 0.8655994948745944},           // params
	bse:     []float64{0.7916499954214853, 0.7318104947992558, 0.65961191936461, 0.12150091874420926},           // bse
	tvalues: []float64{1.0242711384667644, 3.7912320357163427, 2.4374453660010835, 7.124221806889414},           // tvalues
	pvalues: []float64{0.31254098980946265, 0.0005518004165629623, 0.01986098266322025, 2.2573051931099054e-08}, // pvalues
	ciLow:   []float64{-0.7946763645129415, 1.2902829175994608, 0.27001303957578293, 0.6191842104558505},        // conf_int(0.05)[0]
	ciHigh:  []float64{2.4164048486680887, 4.258643866313272, 2.945522992852915, 1.1120147792933384},            // conf_int(0.05)[1]
	dfModel: 3, dfResid: 36,                                                                                     // df_model, df_resid
	rsquared: 0.6767938315962557, rsquaredAdj: 0.649859984229277, // rsquared, rsquared_adj
	fvalue: 25.128004268191383, fPValue: 6.028347985383298e-09, // fvalue, f_pvalue
	llf: -66.39611235968962, aic: 140.79222471937925, bic: 147.547742535835, // llf, aic, bic
	durbinWatson: 1.7241749759062135,                                                                        // durbin_watson(resid)
	jb:           [4]float64{1.0656838773221953, 0.586934565176746, 0.17264489533126193, 3.721238716970704}, // jarque_bera(resid)
	omnibus:      [2]float64{2.04824971008862, 0.35911060176014453},                                         // omni_normtest(resid)
	condition:    28.98165616454514,                                                                         // condition_number
	// anova_lm(fit, typ=2): sum_sq, df, F, PR(>F)
	anova: []olsAnovaRow{{"C(g)", 35.04960200104968, 3, 6.493897581709466, 0.0012596701370785842}, {"x1", 91.31271713500807, 1, 50.75453635375867, 2.2573051931099117e-08}, {"Residual", 64.76776369205962, 36, 0.0, 0.0}},
}

// olsColumn is the model-matrix column name over the fixture data, built
// as patsy builds it.
func olsColumn(name string) []float64 {
	n := len(olsY)
	out := make([]float64, n)
	for i := range n {
		v := 1.0
		for _, f := range strings.Split(name, ":") {
			switch {
			case f == "Intercept":
			case f == "x1":
				v *= olsX1[i]
			case f == "x2":
				v *= olsX2[i]
			case strings.HasPrefix(f, "C(g)["):
				level := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(f, "C(g)["), "T."), "]")
				if olsG[i] != level {
					v = 0
				}
			default:
				panic("olsColumn: " + f)
			}
		}
		out[i] = v
	}
	return out
}

func olsDesign(w olsWant) *stats.Design {
	cols := make([][]float64, len(w.columns))
	for j, c := range w.columns {
		cols[j] = olsColumn(c)
	}
	return stats.DenseDesign("y", w.columns, w.terms, w.columns[0] == "Intercept", cols, olsY)
}

func TestOLSStatsmodels(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cov  string
		want olsWant
	}{
		{"main", "", olsMain},
		{"main HC3", "hc3", olsMainHC3},
		{"interaction", "nonrobust", olsInteraction},
		{"interaction HC3", "HC3", olsInteractionHC3},
		{"no intercept", "", olsNoIntercept},
		{"implicit constant", "", olsImplicit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := tc.want
			r, err := stats.OLS(olsDesign(w), stats.OLSOptions{Cov: tc.cov})
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want, tol float64) {
				t.Helper()
				if !scalar.EqualWithinAbsOrRel(got, want, 1e-300, tol) {
					t.Errorf("OLS(%s) %s = %.17g, want %.17g (rel %.2g)", tc.name, what, got, want, math.Abs(got-want)/math.Abs(want))
				}
			}
			if len(r.Coefficients) != len(w.params) {
				t.Fatalf("OLS(%s) has %d coefficients, want %d", tc.name, len(r.Coefficients), len(w.params))
			}
			for j, c := range r.Coefficients {
				if c.Term != w.columns[j] {
					t.Errorf("OLS(%s) coefficient %d = %q, want %q", tc.name, j, c.Term, w.columns[j])
				}
				check(c.Term+" estimate", c.Estimate, w.params[j], 1e-10)
				check(c.Term+" std_error", c.StdError, w.bse[j], 1e-10)
				check(c.Term+" t", c.T, w.tvalues[j], 1e-10)
				check(c.Term+" p_value", c.PValue, w.pvalues[j], 1e-8)
				// scipy 1.10's t.ppf is accurate to about 1e-9 only (t.ppf(0.975, 38)
				// = 2.024394164575136; mpmath: 2.0243941639119696).
				check(c.Term+" ci_low", c.CILow, w.ciLow[j], 1e-8)
				check(c.Term+" ci_high", c.CIHigh, w.ciHigh[j], 1e-8)
			}
			if r.DFModel != w.dfModel || r.DFResid != w.dfResid || r.N != len(olsY) {
				t.Errorf("OLS(%s) n, df_model, df_resid = %d, %d, %d, want %d, %d, %d", tc.name, r.N, r.DFModel, r.DFResid, len(olsY), w.dfModel, w.dfResid)
			}
			check("r_squared", r.RSquared, w.rsquared, 1e-11)
			check("adj_r_squared", r.AdjRSquared, w.rsquaredAdj, 1e-11)
			check("f_statistic", *r.FStatistic, w.fvalue, 1e-10)
			check("f_p_value", *r.FPValue, w.fPValue, 1e-8)
			check("log_likelihood", r.LogLikelihood, w.llf, 1e-12)
			check("aic", r.AIC, w.aic, 1e-12)
			check("bic", r.BIC, w.bic, 1e-12)
			check("durbin_watson", r.DurbinWatson, w.durbinWatson, 1e-11)
			check("jarque_bera.statistic", r.JarqueBera.Statistic, w.jb[0], 1e-9)
			check("jarque_bera.p_value", r.JarqueBera.PValue, w.jb[1], 1e-9)
			check("jarque_bera.skew", r.JarqueBera.Skew, w.jb[2], 1e-9)
			check("jarque_bera.kurtosis", r.JarqueBera.Kurtosis, w.jb[3], 1e-11)
			if r.Omnibus == nil {
				t.Errorf("OLS(%s) omnibus missing", tc.name)
			} else {
				check("omnibus.statistic", r.Omnibus.Statistic, w.omnibus[0], 1e-9)
				check("omnibus.p_value", r.Omnibus.PValue, w.omnibus[1], 1e-9)
			}
			check("condition_number", r.ConditionNumber, w.condition, 1e-10)
			if len(r.ANOVA) != len(w.anova) {
				t.Fatalf("OLS(%s) anova has %d rows, want %d", tc.name, len(r.ANOVA), len(w.anova))
			}
			for i, a := range r.ANOVA {
				wa := w.anova[i]
				if a.Term != wa.term || a.DF != wa.df {
					t.Errorf("OLS(%s) anova row %d = %q df %d, want %q df %d", tc.name, i, a.Term, a.DF, wa.term, wa.df)
				}
				check("anova "+a.Term+" sum_sq", a.SumSq, wa.sumSq, 1e-10)
				if a.Term == "Residual" {
					if a.F != nil || a.PValue != nil {
						t.Errorf("OLS(%s) anova Residual row has F or p", tc.name)
					}
					continue
				}
				check("anova "+a.Term+" F", *a.F, wa.f, 1e-10)
				check("anova "+a.Term+" p_value", *a.PValue, wa.p, 1e-8)
			}
			if len(r.VIF) != len(w.vif) {
				t.Fatalf("OLS(%s) has %d VIFs, want %d", tc.name, len(r.VIF), len(w.vif))
			}
			for j, v := range r.VIF {
				if v.Term != w.columns[j+1] {
					t.Errorf("OLS(%s) VIF %d term = %q, want %q", tc.name, j, v.Term, w.columns[j+1])
				}
				check("vif "+v.Term, v.VIF, w.vif[j], 1e-10)
			}
			if len(r.Residuals) != len(olsY) || len(r.Fitted) != len(olsY) {
				t.Fatalf("OLS(%s) keeps %d residuals and %d fitted values, want %d", tc.name, len(r.Residuals), len(r.Fitted), len(olsY))
			}
			for i := range olsY {
				if d := olsY[i] - r.Fitted[i] - r.Residuals[i]; math.Abs(d) > 1e-12 {
					t.Errorf("OLS(%s) y − fitted − residual = %g in row %d", tc.name, d, i)
				}
			}
		})
	}
}

func TestOLSErrors(t *testing.T) {
	t.Parallel()
	x1, x2 := olsColumn("x1"), olsColumn("x2")
	one := olsColumn("Intercept")
	sum := make([]float64, len(x1))
	twice := make([]float64, len(x1))
	exact := make([]float64, len(x1))
	constant := make([]float64, len(x1))
	zero := make([]float64, len(x1))
	single := make([]float64, len(x1))
	for i := range x1 {
		sum[i] = x1[i] + x2[i]
		twice[i] = 2 * x1[i]
		exact[i] = 3 - 0.5*x1[i] + 2*x2[i]
		constant[i] = 4.5
	}
	single[7] = 1
	main := func(y []float64) *stats.Design {
		return stats.DenseDesign("y", []string{"Intercept", "x1", "x2"}, nil, true, [][]float64{one, x1, x2}, y)
	}
	for _, tc := range []struct {
		name  string
		d     *stats.Design
		cov   string
		want  []string // in the message, in order
		names []string // the columns named in the details
	}{
		{"sum", stats.DenseDesign("y", []string{"Intercept", "x1", "x2", "I(x1 + x2)"}, nil, true,
			[][]float64{one, x1, x2, sum}, olsY), "",
			[]string{`the terms "x1", "x2" and "I(x1 + x2)" are collinear (one is a linear combination of the others); remove one`},
			[]string{"x1", "x2", "I(x1 + x2)"}},
		{"scaled", stats.DenseDesign("y", []string{"Intercept", "x2", "x1", "I(2 * x1)"}, nil, true,
			[][]float64{one, x2, x1, twice}, olsY), "",
			[]string{`the terms "x1" and "I(2 * x1)" are collinear`}, []string{"x1", "I(2 * x1)"}},
		{"all dummies", stats.DenseDesign("y", []string{"Intercept", "C(g)[a]", "C(g)[b]", "C(g)[c]", "x1"}, nil, true,
			[][]float64{one, olsColumn("C(g)[a]"), olsColumn("C(g)[b]"), olsColumn("C(g)[c]"), x1}, olsY), "",
			[]string{`the terms "Intercept", "C(g)[a]", "C(g)[b]" and "C(g)[c]" are collinear`},
			[]string{"Intercept", "C(g)[a]", "C(g)[b]", "C(g)[c]"}},
		{"zero column", stats.DenseDesign("y", []string{"Intercept", "x1", "z"}, nil, true,
			[][]float64{one, x1, zero}, olsY), "", []string{`the column "z" is zero in every row`}, []string{"z"}},
		{"n = p", stats.DenseDesign("y", []string{"Intercept", "x1", "x2"}, nil, true,
			[][]float64{one[:3], x1[:3], x2[:3]}, olsY[:3]), "",
			[]string{"needs more observations (3) than coefficients (3)"}, nil},
		{"perfect fit", main(exact), "", []string{"the model fits exactly"}, nil},
		{"constant response", main(constant), "", []string{"the response y is constant (every value is 4.5)"}, nil},
		{"unknown cov", main(olsY), "HC1", []string{`unknown covariance "HC1"`}, nil},
		{"leverage one", stats.DenseDesign("y", []string{"Intercept", "x1", "d"}, nil, true,
			[][]float64{one, x1, single}, olsY), "HC3", []string{"observation 8 has leverage 1"}, nil},
		{"intercept only", stats.DenseDesign("y", []string{"Intercept"}, nil, true, [][]float64{one}, olsY), "",
			[]string{"no predictors besides the constant"}, nil},
	} {
		_, err := stats.OLS(tc.d, stats.OLSOptions{Cov: tc.cov})
		if inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("OLS(%s) error = %v, want EInvalid", tc.name, err)
			continue
		}
		msg := err.Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("OLS(%s) error = %q, want it to say %q", tc.name, msg, w)
			}
		}
		if tc.names != nil {
			var e *inferra.Error
			if !errors.As(err, &e) || !slices.Equal(e.Details["columns"].([]string), tc.names) {
				t.Errorf("OLS(%s) error details = %v, want columns %q", tc.name, err, tc.names)
			}
		}
	}
}

// TestOLSStreamingAgrees fits a model large enough for several chunks and
// workers and compares it with the same model on a shuffled copy of the
// rows: the estimates may not depend on how the rows are split.
func TestOLSStreamingAgrees(t *testing.T) {
	t.Parallel()
	d1 := benchDesign(100_003, 0)
	d2 := benchDesign(100_003, 1)
	r1, err := stats.OLS(d1, stats.OLSOptions{Cov: "HC3"})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := stats.OLS(d2, stats.OLSOptions{Cov: "HC3"})
	if err != nil {
		t.Fatal(err)
	}
	for j := range r1.Coefficients {
		a, b := r1.Coefficients[j], r2.Coefficients[j]
		if !scalar.EqualWithinAbsOrRel(a.Estimate, b.Estimate, 1e-12, 1e-11) || !scalar.EqualWithinAbsOrRel(a.StdError, b.StdError, 0, 1e-11) {
			t.Errorf("coefficient %s = %g (%g) in order, %g (%g) reversed", a.Term, a.Estimate, a.StdError, b.Estimate, b.StdError)
		}
	}
	if !scalar.EqualWithinRel(r1.RSquared, r2.RSquared, 1e-12) || !scalar.EqualWithinRel(*r1.FStatistic, *r2.FStatistic, 1e-10) {
		t.Errorf("R², F = %g, %g in order, %g, %g reversed", r1.RSquared, *r1.FStatistic, r2.RSquared, *r2.FStatistic)
	}
}

// benchDesign is an n-row model with an intercept, three numeric columns
// and the eight dummies of a nine-level factor (12 columns). With reverse
// set, the rows come in reverse order.
func benchDesign(n int, reverse int) *stats.Design {
	names := []string{"Intercept", "C(g)[T.1]", "C(g)[T.2]", "C(g)[T.3]", "C(g)[T.4]", "C(g)[T.5]", "C(g)[T.6]", "C(g)[T.7]", "C(g)[T.8]", "x1", "x2", "x3"}
	cols := make([][]float64, len(names))
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	y := make([]float64, n)
	state := uint64(42)
	next := func() float64 { // xorshift, uniform on [0, 1)
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return float64(state>>11) / (1 << 53)
	}
	for k := range n {
		i := k
		if reverse == 1 {
			i = n - 1 - k
		}
		cols[0][i] = 1
		g := int(next() * 9)
		if g > 0 {
			cols[g][i] = 1
		}
		x1, x2, x3 := next()*10, next()-0.5, next()*next()
		cols[9][i], cols[10][i], cols[11][i] = x1, x2, x3
		y[i] = 2 + 0.3*float64(g) + 0.5*x1 - x2 + 3*x3 + (next()-0.5)*(1+x3)
	}
	terms := []stats.DesignTerm{{Name: "Intercept", Start: 0, End: 1}, {Name: "C(g)", Start: 1, End: 9},
		{Name: "x1", Start: 9, End: 10}, {Name: "x2", Start: 10, End: 11}, {Name: "x3", Start: 11, End: 12}}
	return stats.DenseDesign("y", names, terms, true, cols, y)
}

func BenchmarkOLS1M(b *testing.B) {
	d := benchDesign(1_000_000, 0)
	for _, cov := range []string{"nonrobust", "HC3"} {
		b.Run(cov, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := stats.OLS(d, stats.OLSOptions{Cov: cov}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOLSHC3ImpliedConstant checks that a model whose constant is only
// implied by its columns (a full set of dummies) still fits with HC3: the
// coefficients and robust errors are defined, only the F test is not, as
// statsmodels (which reports F as NaN) agrees.
func TestOLSHC3ImpliedConstant(t *testing.T) {
	ga := []float64{1, 1, 1, 1, 1, 0, 0, 0, 0, 0}
	gb := []float64{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}
	x := []float64{0.5, 1.7, 2.2, 3.9, 4.1, 0.3, 1.1, 2.8, 3.3, 4.6}
	y := []float64{1.2, 2.9, 3.1, 5.4, 5.2, 2.2, 3.0, 4.9, 5.6, 6.8}
	d := stats.DenseDesign("y", []string{"g[a]", "g[b]", "x"},
		[]stats.DesignTerm{{Name: "g", Start: 0, End: 2}, {Name: "x", Start: 2, End: 3}}, false,
		[][]float64{ga, gb, x}, y)
	r, err := stats.OLS(d, stats.OLSOptions{Cov: "HC3"})
	if err != nil {
		t.Fatalf("OLS(HC3, implied constant): %v", err)
	}
	if r.FStatistic != nil || r.FPValue != nil {
		t.Errorf("F = %v, p = %v; want both left out", *r.FStatistic, *r.FPValue)
	}
	// sm.OLS(y, np.column_stack([ga, gb, x])).fit(cov_type='HC3'):
	// params [0.79631688, 1.80318019, 1.11438835], bse [0.15564431, 0.11046311,
	// 0.04800304], rsquared 0.9923633258321931 (centered), fvalue nan.
	wantEst := []float64{0.79631688, 1.80318019, 1.11438835}
	wantSE := []float64{0.15564431, 0.11046311, 0.04800304}
	for j, c := range r.Coefficients {
		if math.Abs(c.Estimate-wantEst[j]) > 1e-8 || math.Abs(c.StdError-wantSE[j]) > 1e-8 {
			t.Errorf("%s = %.9f (SE %.9f), want %.8f (SE %.8f)", c.Term, c.Estimate, c.StdError, wantEst[j], wantSE[j])
		}
	}
	if math.Abs(r.RSquared-0.9923633258321931) > 1e-12 {
		t.Errorf("R² = %.16f, want the centered 0.9923633258321931", r.RSquared)
	}
}
