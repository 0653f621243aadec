#!/usr/bin/python3
"""Deterministic generator for the blind7 datasets (standard library only).
Writes 8 CSV files to testdata/decisions/data/. One fixed seed per dataset."""
import csv, math, os, random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
os.makedirs(OUT, exist_ok=True)


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if r[h] is None else r[h] for h in header])


# 1. tutoring_program (education) ------------------------------------------
def tutoring_program():
    rng = random.Random(701)
    header = ["StudentID", "school", "Grade Level", "gender", "tutored", "hrs_tutoring",
              "pre_score", "post_score", "attendance_pct", "FreeLunch", "study.hrs.wk",
              "passed_state_exam"]
    rows = []
    school_eff = {"Hillcrest": 3.0, "Oakmont": -2.0, "Riverside": 0.0}
    for i in range(180):
        school = rng.choice(list(school_eff))
        grade = rng.choice([6, 7, 8])
        gender = rng.choice(["F", "M"])
        fl = 1 if rng.random() < 0.38 else 0
        tut = rng.random() < (0.55 if fl else 0.4)
        hrs = round(rng.uniform(6, 40), 1) if tut else 0
        pre = clamp(rng.gauss(64 + school_eff[school] - 4 * fl, 10), 25, 98)
        att = clamp(rng.gauss(91 - 3 * fl, 5), 60, 100)
        study = clamp(rng.gauss(4 + 0.05 * (pre - 60), 1.8), 0, 14)
        gain = 2 + 0.18 * hrs + 0.25 * (att - 90) + 0.6 * study + rng.gauss(0, 5)
        post = clamp(pre + gain, 20, 100)
        passed = "Yes" if post + rng.gauss(0, 6) >= 68 else "No"
        rows.append({
            "StudentID": "S%04d" % (1001 + i), "school": school, "Grade Level": grade,
            "gender": gender, "tutored": "yes" if tut else "no", "hrs_tutoring": hrs,
            "pre_score": round(pre), "post_score": None if rng.random() < 0.06 else round(post),
            "attendance_pct": round(att, 1), "FreeLunch": fl,
            "study.hrs.wk": None if rng.random() < 0.08 else round(study, 1),
            "passed_state_exam": passed})
    write("tutoring_program.csv", header, rows)


# 2. pothole_repairs (city services) ---------------------------------------
def pothole_repairs():
    rng = random.Random(702)
    header = ["ticket_no", "Ward", "crew_shift", "surface", "area_m2", "depth_cm",
              "days_to_fix", "repair_cost_usd", "aadt_k", "repeat_complaint",
              "resident_rating", "year"]
    wards = {"Central": 1.0, "Eastside": 1.3, "Harbour": 0.8, "Northgate": 1.6, "Westfield": 1.1}
    surf_cost = {"Asphalt": 1.0, "Concrete": 1.7, "Chipseal": 0.7}
    rows = []
    for i in range(220):
        ward = rng.choice(list(wards))
        shift = "Night" if rng.random() < 0.35 else "Day"
        surf = rng.choices(list(surf_cost), weights=[6, 2, 2])[0]
        area = round(rng.lognormvariate(-0.4, 0.7), 2)
        depth = round(clamp(rng.gauss(5 + 2 * area, 2), 1, 25), 1)
        aadt = round(rng.lognormvariate(2.3, 0.6), 1)
        yr = rng.choice([2022, 2023, 2024])
        days = max(1, round(rng.expovariate(1 / (6 * wards[ward] * (0.8 if shift == "Night" else 1.0)
                                                 * (1.1 if yr == 2022 else 1.0 if yr == 2023 else 0.85)))))
        cost = round((120 + 260 * area + 18 * depth) * surf_cost[surf] * rng.lognormvariate(0, 0.18), 2)
        repeat = "Y" if rng.random() < clamp(0.1 + 0.02 * days + (0.08 if surf == "Chipseal" else 0), 0, 0.8) else "N"
        rating = clamp(round(4.6 - 0.09 * days - (0.8 if repeat == "Y" else 0) + rng.gauss(0, 0.7)), 1, 5)
        rows.append({
            "ticket_no": "PH-%d-%04d" % (yr, i + 1), "Ward": ward, "crew_shift": shift,
            "surface": surf, "area_m2": area, "depth_cm": depth, "days_to_fix": days,
            "repair_cost_usd": cost, "aadt_k": aadt, "repeat_complaint": repeat,
            "resident_rating": None if rng.random() < 0.15 else rating, "year": yr})
    write("pothole_repairs.csv", header, rows)


# 3. email_campaigns (marketing) -------------------------------------------
def email_campaigns():
    rng = random.Random(703)
    header = ["campaignId", "audienceSegment", "subjectVariant", "sendHour", "listSize",
              "openRate", "clickRate", "conversions", "revenueUSD", "isPersonalized",
              "unsubscribes", "hasDiscount", "region"]
    seg_open = {"New": 24.0, "Returning": 31.0, "Lapsed": 15.0}
    reg_mult = {"AMER": 1.2, "EMEA": 1.0, "APAC": 0.9, "LATAM": 0.7}
    rows = []
    for i in range(140):
        seg = rng.choice(list(seg_open))
        var = rng.choice(["A", "B"])
        hour = rng.randint(6, 21)
        size = int(rng.lognormvariate(9.3, 0.6))
        pers = 1 if rng.random() < 0.45 else 0
        disc = rng.random() < (0.6 if seg == "Lapsed" else 0.35)
        region = rng.choice(list(reg_mult))
        opn = clamp(seg_open[seg] + (2.0 if var == "B" else 0) + 3 * pers
                    - 0.25 * abs(hour - 10) + rng.gauss(0, 4), 3, 70)
        clk = clamp(opn * (0.08 + 0.03 * pers + (0.02 if disc else 0)) + rng.gauss(0, 0.6), 0.1, 20)
        conv = max(0, int(round(size * clk / 100 * rng.uniform(0.05, 0.15))))
        rev = round(conv * rng.gauss(58, 12) * reg_mult[region] * (0.85 if disc else 1.0), 2)
        unsub = max(0, int(rng.expovariate(1 / (size * 0.0015 * (1.8 if seg == "Lapsed" else 1)))))
        rows.append({
            "campaignId": "CMP-%03d" % (i + 1), "audienceSegment": seg, "subjectVariant": var,
            "sendHour": hour, "listSize": size, "openRate": round(opn, 2),
            "clickRate": round(clk, 2), "conversions": conv,
            "revenueUSD": None if rng.random() < 0.05 else max(0.0, rev),
            "isPersonalized": pers, "unsubscribes": unsub,
            "hasDiscount": "True" if disc else "False", "region": region})
    write("email_campaigns.csv", header, rows)


# 4. injection_molding (manufacturing) -------------------------------------
def injection_molding():
    rng = random.Random(704)
    header = ["Lot", "Machine", "Shift", "Resin", "Melt Temp (C)", "Mold Temp (C)",
              "Hold Pressure (bar)", "Cycle Time (s)", "Part Weight (g)", "Shrinkage (%)",
              "Operator Exp (yrs)", "Defect"]
    mach = {"M1": (0.0, 0.08), "M2": (0.06, 0.10), "M3": (-0.04, 0.20), "M4": (0.02, 0.09)}
    rows = []
    for i in range(160):
        m = rng.choice(list(mach))
        shift = rng.choice([1, 2, 3])
        resin = "Regrind" if rng.random() < 0.3 else "Virgin"
        melt = rng.gauss(232, 6)
        mold = rng.gauss(55, 5)
        hold = rng.gauss(620, 45)
        exp_y = round(clamp(rng.gammavariate(2, 3), 0.2, 30), 1)
        cyc = clamp(28 + 0.08 * (mold - 55) - 0.12 * exp_y + (1.5 if shift == 3 else 0)
                    + {"M1": 0, "M2": 1.2, "M3": -0.8, "M4": 0.5}[m] + rng.gauss(0, 1.2), 20, 40)
        wt = 25.0 + mach[m][0] + 0.0009 * (hold - 620) + (-0.05 if resin == "Regrind" else 0) \
            + rng.gauss(0, mach[m][1] * (1.4 if resin == "Regrind" else 1))
        shr = clamp(1.6 + 0.012 * (melt - 232) + 0.01 * (mold - 55) - 0.0015 * (hold - 620)
                    + (0.15 if resin == "Regrind" else 0) + rng.gauss(0, 0.09), 0.8, 2.8)
        pdef = 0.05 + (0.08 if resin == "Regrind" else 0) + (0.06 if shift == 3 else 0) \
            + (0.1 if abs(wt - 25) > 0.2 else 0)
        rows.append({
            "Lot": "L%05d" % (24001 + i), "Machine": m, "Shift": shift, "Resin": resin,
            "Melt Temp (C)": round(melt, 1), "Mold Temp (C)": round(mold, 1),
            "Hold Pressure (bar)": round(hold), "Cycle Time (s)": round(cyc, 2),
            "Part Weight (g)": round(wt, 3), "Shrinkage (%)": round(shr, 3),
            "Operator Exp (yrs)": exp_y, "Defect": "yes" if rng.random() < pdef else "no"})
    write("injection_molding.csv", header, rows)


# 5. amphibian_ponds (ecology) ---------------------------------------------
def amphibian_ponds():
    rng = random.Random(705)
    header = ["pond_id", "habitat", "survey_yr", "area.ha", "max.depth.m", "pH", "water.temp",
              "conductivity_uScm", "canopy_pct", "fish_present", "newts_spring",
              "newts_autumn", "frog_call_index", "chytrid", "breeding_success"]
    hab = {"Forest": (70, 6.6, 250), "Farmland": (15, 7.4, 520), "Urban": (20, 7.6, 780),
           "Wetland": (30, 7.0, 350)}
    rows = []
    for i in range(120):
        h = rng.choice(list(hab))
        can0, ph0, cond0 = hab[h]
        yr = rng.choice([2021, 2022])
        area = round(rng.gammavariate(1.6, 0.35), 3)
        depth = round(clamp(0.4 + 1.2 * math.sqrt(area) + rng.gauss(0, 0.3), 0.2, 4.5), 2)
        can = round(clamp(rng.gauss(can0, 15), 0, 100))
        ph = clamp(rng.gauss(ph0, 0.35), 5.5, 9)
        temp = clamp(rng.gauss(17 - 0.05 * (can - 35) + (0.8 if yr == 2022 else 0), 1.8), 8, 26)
        cond = clamp(rng.gauss(cond0, 110), 60, 1400)
        fish = rng.random() < clamp(0.15 + 0.35 * area, 0, 0.8)
        lam = clamp(12 + 6 * area - 0.03 * can - (7 if fish else 0) + (3 if h == "Wetland" else 0), 0.5, 40)
        spring = max(0, int(rng.gauss(lam, math.sqrt(lam) * 1.3)))
        autumn = max(0, int(spring * rng.uniform(0.4, 1.0) + rng.gauss(0, 1.5)))
        frog = int(clamp(round(2.5 - (1.0 if fish else 0) + (1 if h == "Wetland" else 0)
                               - (0.8 if h == "Urban" else 0) + rng.gauss(0, 1)), 0, 5))
        chy = rng.random() < (0.35 if h in ("Urban", "Farmland") else 0.2)
        pb = 0.65 - (0.25 if fish else 0) - (0.15 if chy else 0) + (0.1 if h == "Wetland" else 0)
        rows.append({
            "pond_id": "P%03d" % (i + 1), "habitat": h, "survey_yr": yr, "area.ha": area,
            "max.depth.m": depth, "pH": None if rng.random() < 0.07 else round(ph, 2),
            "water.temp": round(temp, 1),
            "conductivity_uScm": None if rng.random() < 0.1 else round(cond),
            "canopy_pct": can, "fish_present": "yes" if fish else "no",
            "newts_spring": spring, "newts_autumn": autumn, "frog_call_index": frog,
            "chytrid": "pos" if chy else "neg",
            "breeding_success": "Y" if rng.random() < pb else "N"})
    write("amphibian_ponds.csv", header, rows)


# 6. loan_applications (finance) -------------------------------------------
def loan_applications():
    rng = random.Random(706)
    header = ["app_id", "branch", "purpose", "loan_amnt", "term_mo", "annual_inc", "dti",
              "fico", "emp_len_yrs", "home_owner", "cosigner", "int_rate", "approved"]
    purp = {"debt_consol": 14000, "home_improve": 18000, "auto": 11000, "small_biz": 26000}
    rows = []
    for i in range(250):
        br = rng.choices(["Downtown", "Suburban", "Online"], weights=[3, 3, 4])[0]
        p = rng.choices(list(purp), weights=[5, 3, 3, 1.5])[0]
        inc = round(rng.lognormvariate(math.log(62000), 0.45), -2)
        amt = round(clamp(rng.lognormvariate(math.log(purp[p] * (inc / 62000) ** 0.4), 0.45), 1000, 40000), -2)
        term = 60 if (amt > 15000 and rng.random() < 0.6) or rng.random() < 0.15 else 36
        dti = round(clamp(rng.gauss(18, 7), 0.5, 45), 1)
        fico = int(clamp(rng.gauss(695, 45), 560, 840))
        emp = int(clamp(rng.gammavariate(1.8, 3), 0, 30))
        own = rng.random() < clamp(0.2 + inc / 200000 + emp * 0.015, 0, 0.9)
        cos = 1 if rng.random() < 0.18 else 0
        rate = clamp(12 - 0.04 * (fico - 700) + 0.1 * (dti - 18) + (2.0 if term == 60 else 0)
                     + (1.5 if p == "small_biz" else 0) - (0.5 if br == "Online" else 0)
                     + rng.gauss(0, 1.4), 5.5, 30)
        lin = -8.8 + 0.014 * fico - 0.06 * dti + (0.9 if cos else 0) + (0.4 if own else 0) \
            - (0.3 if term == 60 else 0)
        appr = rng.random() < 1 / (1 + math.exp(-lin))
        rows.append({
            "app_id": 900000 + i * 7, "branch": br, "purpose": p, "loan_amnt": int(amt),
            "term_mo": term, "annual_inc": int(inc), "dti": dti, "fico": fico,
            "emp_len_yrs": None if rng.random() < 0.09 else emp,
            "home_owner": "yes" if own else "no", "cosigner": cos,
            "int_rate": round(rate, 2), "approved": "Y" if appr else "N"})
    write("loan_applications.csv", header, rows)


# 7. ferry_crossings (transport) -------------------------------------------
def ferry_crossings():
    rng = random.Random(707)
    header = ["Crossing ID", "Route", "Season", "Vessel Class", "Weekend", "Departure Hour",
              "Wind Speed (kn)", "Wave Height (m)", "Passengers", "Vehicles",
              "Crossing Time (min)", "Delay (min)", "Fuel Used (L)"]
    route = {"Harbour-Island": (40, 1.0), "City-Point": (25, 0.8), "North Shore": (55, 1.3)}
    season_wind = {"Winter": 18, "Spring": 13, "Summer": 9, "Autumn": 15}
    season_pax = {"Winter": 0.6, "Spring": 0.9, "Summer": 1.4, "Autumn": 0.8}
    rows = []
    for i in range(200):
        r = rng.choice(list(route))
        base, exposure = route[r]
        s = rng.choice(list(season_wind))
        vc = "Large" if rng.random() < (0.6 if r == "North Shore" else 0.35) else "Small"
        wk = rng.random() < 2 / 7 + 0.05
        hr = rng.randint(6, 21)
        wind = clamp(rng.gauss(season_wind[s], 5), 0, 45)
        wave = clamp(0.2 + 0.07 * wind * exposure + rng.gauss(0, 0.3), 0.1, 5)
        cap = 400 if vc == "Large" else 150
        pax = int(clamp(rng.gauss(cap * 0.45 * season_pax[s] * (1.25 if wk else 1), cap * 0.12), 5, cap))
        veh = int(clamp(rng.gauss((40 if vc == "Large" else 12) * (0.8 + 0.3 * season_pax[s]), 5), 0, 80))
        ct = base * (1 + 0.06 * wave) * (0.95 if vc == "Large" else 1.0) + rng.gauss(0, 2)
        delay = round(rng.expovariate(1 / (2 + 1.2 * wave + (1.5 if wk else 0) + 0.02 * pax / 10)), 1)
        fuel = ct * (9 if vc == "Large" else 4) * (1 + 0.004 * veh + 0.05 * wave) * rng.gauss(1, 0.05)
        rows.append({
            "Crossing ID": "FX%05d" % (i + 1), "Route": r, "Season": s, "Vessel Class": vc,
            "Weekend": "Yes" if wk else "No", "Departure Hour": hr,
            "Wind Speed (kn)": round(wind, 1), "Wave Height (m)": round(wave, 2),
            "Passengers": pax, "Vehicles": veh, "Crossing Time (min)": round(ct, 1),
            "Delay (min)": delay,
            "Fuel Used (L)": None if rng.random() < 0.06 else round(fuel, 1)})
    write("ferry_crossings.csv", header, rows)


# 8. smoking_cessation (public health) -------------------------------------
def smoking_cessation():
    rng = random.Random(708)
    header = ["pid", "site", "arm", "sex", "age_yrs", "FTND", "prior_attempts", "depression_hx",
              "cpd_baseline", "cpd_wk12", "CO_ppm_baseline", "CO_ppm_wk12",
              "wt_kg_baseline", "wt_kg_wk12", "quit_wk12"]
    arm_eff = {"counselling": 0.25, "NRT": 0.40, "varenicline": 0.52}
    rows = []
    for i in range(150):
        site = rng.choice(["Clinic_A", "Clinic_B", "Clinic_C", "Clinic_D"])
        arm = rng.choice(list(arm_eff))
        sex = rng.choice([1, 2])
        age = int(clamp(rng.gauss(46, 12), 19, 78))
        cpd0 = int(clamp(rng.gammavariate(4, 5), 5, 60))
        ftnd = int(clamp(round(1 + cpd0 / 7 + rng.gauss(0, 1.3)), 0, 10))
        prior = int(clamp(rng.gammavariate(1.5, 1.5), 0, 12))
        dep = rng.random() < 0.28
        co0 = clamp(5 + 0.9 * cpd0 + rng.gauss(0, 5), 4, 80)
        w0 = clamp(rng.gauss(84 if sex == 1 else 70, 13), 42, 150)
        pq = clamp(arm_eff[arm] - (0.12 if dep else 0) - 0.02 * (ftnd - 5)
                   + {"Clinic_A": 0.05, "Clinic_B": 0, "Clinic_C": -0.05, "Clinic_D": 0.02}[site], 0.03, 0.9)
        quit = rng.random() < pq
        cpd1 = 0 if quit else int(clamp(cpd0 * rng.uniform(0.3, 0.95), 1, 60))
        co1 = clamp(3 + rng.gauss(0, 1.2), 1, 8) if quit else clamp(4 + 0.9 * cpd1 + rng.gauss(0, 4), 3, 70)
        w1 = w0 + (rng.gauss(3.2, 1.5) if quit else rng.gauss(0.6, 1.2))
        drop = rng.random() < 0.1
        rows.append({
            "pid": 5000 + i, "site": site, "arm": arm, "sex": sex, "age_yrs": age, "FTND": ftnd,
            "prior_attempts": prior, "depression_hx": "Y" if dep else "N",
            "cpd_baseline": cpd0, "cpd_wk12": None if drop else cpd1,
            "CO_ppm_baseline": round(co0, 1), "CO_ppm_wk12": None if drop else round(co1, 1),
            "wt_kg_baseline": round(w0, 1), "wt_kg_wk12": None if drop else round(w1, 1),
            "quit_wk12": "no" if drop else ("yes" if quit else "no")})
    write("smoking_cessation.csv", header, rows)


if __name__ == "__main__":
    for fn in (tutoring_program, pothole_repairs, email_campaigns, injection_molding,
               amphibian_ponds, loan_applications, ferry_crossings, smoking_cessation):
        fn()
    print("wrote", sorted(os.listdir(OUT)))
