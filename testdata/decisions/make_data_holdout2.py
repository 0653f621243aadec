#!/usr/bin/env python3
"""Deterministic generator for the h2 blind batch datasets (standard library only).

Writes 8 CSV files to data/:
  bp_chol_trial.csv            clinical trial of a blood-pressure / cholesterol drug
  hospital_staffing.csv   ward-shift staffing records
  coffee_sales.csv        daily sales of a small coffee-shop chain
  hr_salaries.csv         employee salaries & HR records
  maize_trial.csv         maize field trial (variety x nitrogen x irrigation, 4 blocks)
  exam_results.csv        secondary-school exam results
  air_quality.csv         weekly air-quality monitoring at 4 stations
  ecommerce_survey.csv    e-commerce marketing survey
"""
import csv
import math
import os
import random
import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def poisson(rng, lam):
    # Knuth's algorithm (fine for small lambda)
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        k += 1
        p *= rng.random()
        if p <= L:
            return k - 1


# ---------------------------------------------------------------- 1. clinical trial
def bp_trial():
    rng = random.Random(2101)
    header = ["patient_no", "arm", "sex", "age", "bmi", "smoker", "site", "dose_mg",
              "sbp_base", "sbp_wk8", "dbp_base", "dbp_wk8", "chol", "HDL (mg/dL)",
              "crp", "Weight (kg)", "ae"]
    rows = []
    for i in range(120):
        pid = 1001 + i
        arm = "active" if rng.random() < 0.5 else "placebo"
        dose = 0 if arm == "placebo" else rng.choice([10, 20])
        sex = rng.randint(0, 1)  # 0 = female, 1 = male
        age = rng.randint(38, 76)
        bmi = round(clamp(rng.gauss(28.6, 4.3), 19.0, 44.0), 1)
        height = rng.gauss(1.76 if sex == 1 else 1.63, 0.07)
        weight = round(bmi * height * height, 1)
        smoker = "yes" if rng.random() < 0.27 else "no"
        site = rng.randint(1, 4)
        sbp0 = rng.gauss(150, 11) + 0.35 * (age - 55) + 0.4 * (bmi - 28)
        drop = {0: rng.gauss(3, 7), 10: rng.gauss(10, 7.5), 20: rng.gauss(14, 8)}[dose]
        if smoker == "yes":
            drop -= 2.5
        sbp8 = sbp0 - drop
        dbp0 = rng.gauss(92, 7) + 0.25 * (sbp0 - 150)
        dbp8 = dbp0 - (0.45 * drop + rng.gauss(0, 4))
        chol = rng.gauss(212, 33) + 1.6 * (bmi - 28) - (9 if dose else 0)
        hdl = rng.gauss(52 if sex == 0 else 45, 10) - (5 if smoker == "yes" else 0)
        crp = round(math.exp(rng.gauss(0.7, 0.8) + 0.04 * (bmi - 28)), 2)
        p_ae = {0: 0.10, 10: 0.17, 20: 0.30}[dose]
        ae = "yes" if rng.random() < p_ae else "no"
        row = [pid, arm, sex, age, bmi, smoker, site, dose,
               round(sbp0), round(sbp8), round(dbp0), round(dbp8),
               round(chol), round(hdl), crp, weight, ae]
        rows.append(row)
    # dropouts / missing lab values
    for idx in (7, 33, 58, 90, 111):
        rows[idx][9] = None   # sbp_wk8
        rows[idx][11] = None  # dbp_wk8
    for idx in (15, 77):
        rows[idx][12] = None  # chol
    rows[44][14] = None       # crp
    write("bp_chol_trial.csv", header, rows)


# ---------------------------------------------------------------- 2. hospital staffing
def hospital():
    rng = random.Random(2102)
    header = ["record_id", "ward", "shift", "month", "weekend", "nurses", "patients",
              "Overtime Hrs ", "Agency Staff", "falls", "med_errors",
              "Patient Satisfaction:", "sick_calls", "Avg Wait (min)"]
    wards = {"ICU": (12, 6), "Surgical": (28, 3), "Medical": (32, 3), "Paediatrics": (18, 4),
             "Maternity": (20, 4)}
    shifts = ["day", "evening", "night"]
    rows = []
    for i in range(150):
        ward = rng.choice(list(wards))
        shift = rng.choice(shifts)
        month = rng.randint(1, 12)
        weekend = 1 if rng.random() < 2 / 7 else 0
        base_pts, ratio = wards[ward]
        patients = max(4, round(rng.gauss(base_pts, base_pts * 0.15)))
        shift_factor = {"day": 1.0, "evening": 0.85, "night": 0.7}[shift]
        nurses = max(2, round(patients / (8 / ratio * 2) * shift_factor + rng.gauss(0, 1)))
        if weekend:
            nurses = max(2, nurses - 1)
        sick = poisson(rng, 1.2 + (0.8 if shift == "night" else 0))
        ot = math.exp(rng.gauss(1.6 + 0.25 * sick + (0.35 if shift == "night" else 0), 0.55))
        agency = "Y" if rng.random() < (0.25 + 0.2 * (shift == "night") + 0.15 * (sick > 2)) else "N"
        load = patients / nurses
        falls = poisson(rng, 0.15 * load + (0.5 if ward in ("Medical", "Surgical") else 0.1))
        med_err = poisson(rng, 0.25 + 0.08 * load + (0.5 if agency == "Y" else 0))
        sat = clamp(rng.gauss(84 - 2.2 * load + 0.9 * nurses - (4 if weekend else 0)
                              - {"day": 0, "evening": 1, "night": 3}[shift], 6), 30, 100)
        wait = round(rng.expovariate(1 / (8 + 1.6 * load + (10 if ward == "ICU" else 0))) + 1, 1)
        rows.append([5001 + i, ward, shift, month, weekend, nurses, patients,
                     round(ot, 1), agency, falls, med_err, round(sat, 1), sick, wait])
    for idx in (12, 64, 101):
        rows[idx][11] = None  # satisfaction survey not returned
    for idx in (30, 140):
        rows[idx][12] = None  # sick_calls not logged
    write("hospital_staffing.csv", header, rows)


# ---------------------------------------------------------------- 3. coffee shop sales
def coffee():
    rng = random.Random(2103)
    header = ["date", "store", "weekday", "Temp (C)", "weather", "promo", "cups_sold",
              "pastry_qty", "Revenue ($)", "avg.ticket", "loyalty_signups", "wait_min",
              "staff", "iced_share"]
    stores = {"Downtown": 310, "Campus": 260, "Airport": 340, "Suburb": 190}
    start = datetime.date(2023, 5, 1)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    rows = []
    weather_by_day = []
    for d in range(45):
        temp = rng.gauss(19 + 6 * math.sin(d / 45 * math.pi), 3.5)
        w = rng.choices(["sunny", "cloudy", "rain"], [0.45, 0.35, 0.20])[0]
        if w == "rain":
            temp -= 2.5
        weather_by_day.append((round(temp, 1), w))
    for d in range(45):
        date = start + datetime.timedelta(days=d)
        wd = days[date.weekday()]
        temp, w = weather_by_day[d]
        for store, base in stores.items():
            promo = "yes" if rng.random() < 0.3 else "no"
            weekend = wd in ("Sat", "Sun")
            mult = 1.0
            if store == "Campus" and weekend:
                mult = 0.6
            if store == "Suburb" and weekend:
                mult = 1.3
            cups = base * mult * (1.15 if promo == "yes" else 1.0) * (0.88 if w == "rain" else 1.0)
            cups += 2.0 * (temp - 19) + rng.gauss(0, 22)
            cups = max(60, round(cups))
            pastry = max(5, round(cups * rng.uniform(0.22, 0.36)))
            ticket = rng.gauss(5.6 if store == "Airport" else 4.7, 0.35) - (0.3 if promo == "yes" else 0)
            revenue = round(cups * ticket + pastry * 3.1 + rng.gauss(0, 40), 2)
            avg_ticket = round(revenue / cups, 2)
            signups = poisson(rng, 2.0 + (4.0 if promo == "yes" else 0) + cups / 150)
            staff = clamp(round(cups / 90 + rng.gauss(0, 0.7)), 2, 5)
            wait = round(rng.lognormvariate(math.log(2.5 + cups / (staff * 55)), 0.45), 1)
            iced = round(clamp(0.18 + 0.022 * (temp - 15) + rng.gauss(0, 0.05), 0.02, 0.85), 3)
            rows.append([date.isoformat(), store, wd, temp, w, promo, cups, pastry,
                         revenue, avg_ticket, signups, wait, staff, iced])
    for idx in (17, 96, 150):
        rows[idx][11] = None  # wait_min sensor missing
    rows[58][7] = None        # pastry_qty not recorded
    write("coffee_sales.csv", header, rows)


# ---------------------------------------------------------------- 4. employee salaries / HR
def hr():
    rng = random.Random(2104)
    header = ["emp_id", "Dept", "Gender", "Age", "yrs_exp", "edu", "job_level", "Salary",
              "bonus_pct", "perf_rating", "Remote", "Training Hrs", "engagement_2022",
              "engagement_2023", "left_co", "commute_km"]
    depts = {"Sales": 58000, "IT": 76000, "HR": 54000, "Finance": 70000, "Operations": 52000}
    rows = []
    for i in range(200):
        dept = rng.choices(list(depts), [0.26, 0.24, 0.12, 0.16, 0.22])[0]
        gender = "F" if rng.random() < 0.47 else "M"
        age = rng.randint(22, 63)
        exp = clamp(round(age - 22 - rng.uniform(0, 8)), 0, 40)
        edu = rng.choices(["Bachelors", "Masters", "PhD"], [0.58, 0.34, 0.08])[0]
        level = clamp(1 + int(exp / 8 + rng.uniform(-0.8, 1.0)), 1, 4)
        log_sal = (math.log(depts[dept]) + 0.13 * (level - 1) + 0.008 * exp
                   + {"Bachelors": 0, "Masters": 0.07, "PhD": 0.15}[edu]
                   - (0.05 if gender == "F" else 0) + rng.gauss(0, 0.16))
        salary = int(round(math.exp(log_sal), -2))
        perf = rng.choices([1, 2, 3, 4, 5], [0.05, 0.15, 0.45, 0.25, 0.10])[0]
        bonus = round(clamp(2 + 1.8 * (perf - 3) + (3 if dept == "Sales" else 0)
                            + rng.gauss(0, 1.5), 0, 20), 1)
        remote = "yes" if rng.random() < (0.55 if dept == "IT" else 0.3) else "no"
        training = max(0, round(rng.gauss(22 + 2.5 * (perf - 3), 8)))
        e22 = clamp(rng.gauss(3.5 + 0.2 * (perf - 3), 0.6), 1, 5)
        e23 = clamp(e22 + rng.gauss(-0.12 + (0.1 if remote == "yes" else 0), 0.35), 1, 5)
        p_leave = 0.12 + (0.12 if remote == "no" else 0) + (0.1 if e23 < 3 else 0)
        left = 1 if rng.random() < p_leave else 0
        commute = 0.0 if remote == "yes" and rng.random() < 0.5 else round(rng.lognormvariate(2.4, 0.7), 1)
        rows.append(["E%04d" % (301 + i), dept, gender, age, exp, edu, level, salary,
                     bonus, perf, remote, training, round(e22, 2), round(e23, 2), left, commute])
    for idx in (21, 88, 143):
        rows[idx][13] = None  # engagement_2023 not answered
    rows[160][11] = None      # Training Hrs
    write("hr_salaries.csv", header, rows)


# ---------------------------------------------------------------- 5. maize field trial
def maize():
    rng = random.Random(2105)
    header = ["plot_id", "block", "variety", "N_rate", "irrigated", "Yield (t/ha)",
              "plant_ht_cm", "ear.length", "protein_pct", "soil_pH", "days_to_silk",
              "stand_count", "lodging", "Rainfall (mm)"]
    varieties = {"DK777": (8.4, 232, 64), "P1921": (8.9, 248, 66), "SC719": (9.3, 262, 70),
                 "LocalWhite": (6.6, 276, 61)}
    block_eff = {1: 0.4, 2: 0.0, 3: -0.3, 4: -0.6}
    block_rain = {1: 480, 2: 455, 3: 430, 4: 410}
    rows = []
    pid = 0
    for block in (1, 2, 3, 4):
        plots = [(v, n, irr) for v in varieties for n in (0, 60, 120) for irr in ("yes", "no")]
        rng.shuffle(plots)
        for v, n, irr in plots:
            pid += 1
            base, ht, silk = varieties[v]
            n_resp = {0: 0.0, 60: 1.6, 120: 2.3}[n] * (0.6 if v == "LocalWhite" else 1.0)
            rain = round(block_rain[block] + rng.gauss(0, 12))
            y = base + n_resp + (1.4 if irr == "yes" else 0) + block_eff[block] + rng.gauss(0, 0.75)
            height = round(ht + 0.12 * n + (9 if irr == "yes" else 0) + rng.gauss(0, 11))
            ear = round(14.5 + 0.35 * (y - 8) + 0.01 * (height - 250) + rng.gauss(0, 1.0), 1)
            protein = round(7.8 + 0.011 * n - 0.08 * (y - 9) + rng.gauss(0, 0.45), 2)
            ph = round(rng.gauss(6.55 + 0.1 * (block - 2.5), 0.22), 2)
            days_silk = round(silk + (-2 if irr == "yes" else 0) - 0.01 * n + rng.gauss(0, 2))
            stand = round(rng.gauss(68, 4) - (3 if irr == "no" else 0))
            p_lodge = 0.08 + (0.3 if v == "LocalWhite" else 0) + (0.12 if n == 120 else 0)
            lodging = "yes" if rng.random() < p_lodge else "no"
            rows.append(["B%d-%02d" % (block, pid), block, v, n, irr, round(y, 2), height,
                         ear, protein, ph, days_silk, stand, lodging, rain])
    for idx in (11, 47, 80):
        rows[idx][5] = None   # yield lost (harvest problem)
    rows[29][8] = None        # protein sample lost
    write("maize_trial.csv", header, rows)


# ---------------------------------------------------------------- 6. school exam results
def exams():
    rng = random.Random(2106)
    header = ["student_id", "school", "Gender", "grade", "lunch", "tutoring", "study_hrs",
              "absences", "math", "reading", "writing", "pre_test", "post_test", "GPA", "passed"]
    schools = {"Hillcrest": 4, "Riverside": -3, "Oakwood": 0}
    rows = []
    for i in range(160):
        school = rng.choice(list(schools))
        gender = "F" if rng.random() < 0.5 else "M"
        grade = rng.choice([9, 10, 11])
        lunch = "free" if rng.random() < 0.35 else "standard"
        tutoring = "yes" if rng.random() < 0.4 else "no"
        study = round(clamp(rng.gauss(7 + (1.5 if tutoring == "yes" else 0), 3), 0, 20), 1)
        absences = min(40, int(rng.expovariate(1 / 4.5)))
        ability = rng.gauss(0, 1)
        math_s = clamp(round(66 + schools[school] + 9 * ability + 0.9 * study - 0.4 * absences
                             - (4 if lunch == "free" else 0) + (3 if tutoring == "yes" else 0)
                             + rng.gauss(0, 6)), 0, 100)
        reading = clamp(round(69 + schools[school] + 8 * ability + 0.6 * study
                              + (3 if gender == "F" else 0) - (3 if lunch == "free" else 0)
                              + rng.gauss(0, 6)), 0, 100)
        writing = clamp(round(0.8 * reading + 14 + (2 if gender == "F" else 0) + rng.gauss(0, 4.5)), 0, 100)
        pre = clamp(round(55 + 8 * ability + rng.gauss(0, 7)), 0, 100)
        gain = rng.gauss(4 + (5 if tutoring == "yes" else 0) - (2 if lunch == "free" and tutoring == "no" else 0), 6)
        post = clamp(round(pre + gain), 0, 100)
        gpa = round(clamp(2.9 + 0.035 * (math_s + reading - 135) / 2 + 0.03 * study
                          - 0.02 * absences + rng.gauss(0, 0.25), 0.5, 4.0), 2)
        passed = "yes" if (math_s + reading + writing) / 3 >= 60 else "no"
        rows.append([20240 + i, school, gender, grade, lunch, tutoring, study, absences,
                     math_s, reading, writing, pre, post, gpa, passed])
    for idx in (9, 73, 128):
        rows[idx][12] = None  # absent for post-test
    rows[55][6] = None        # study_hrs not reported
    write("exam_results.csv", header, rows)


# ---------------------------------------------------------------- 7. air quality monitoring
def air():
    rng = random.Random(2107)
    header = ["date", "station", "season", "weekend", "PM2.5 (ref)", "PM2.5 (sensor)", "PM10",
              "NO2", "O3", "CO", "temp_c", "RH %", "wind_ms", "traffic_count", "exceed"]
    stations = {"Urban Centre": (18, 38, 21000), "Industrial": (22, 30, 9000),
                "Suburban": (11, 20, 7000), "Rural": (7, 8, 1200)}
    start = datetime.date(2022, 1, 3)
    rows = []
    for k in range(50):
        date = start + datetime.timedelta(days=7 * k + (k % 7))
        m = date.month
        season = ("winter" if m in (12, 1, 2) else "spring" if m in (3, 4, 5)
                  else "summer" if m in (6, 7, 8) else "autumn")
        weekend = 1 if date.weekday() >= 5 else 0
        temp = 11 + 10 * math.sin((date.timetuple().tm_yday - 110) / 365 * 2 * math.pi) + rng.gauss(0, 2.5)
        wind_day = max(0.3, rng.gammavariate(3, 1.2))
        for st, (pm_base, no2_base, traffic_base) in stations.items():
            wind = round(max(0.2, wind_day + rng.gauss(0, 0.6)), 1)
            rh = round(clamp(rng.gauss(72 - 0.8 * (temp - 11), 9), 25, 99))
            traffic = max(0, round(traffic_base * (0.7 if weekend else 1.0) * rng.uniform(0.85, 1.15)))
            winter_boost = 1.35 if season == "winter" else (0.85 if season == "summer" else 1.0)
            pm25 = rng.gammavariate(4, pm_base / 4) * winter_boost * (1.6 / (0.6 + wind / 3.6))
            pm25 = max(1.5, pm25 * 0.7)
            sensor = max(0.5, pm25 * 1.12 + 0.02 * (rh - 70) * pm25 / 10 + rng.gauss(0, 2.2))
            pm10 = pm25 * rng.uniform(1.4, 2.0) + rng.gauss(3, 2)
            no2 = max(2, no2_base * (0.75 if weekend else 1.0) * (1.6 / (0.6 + wind / 3.6)) * 0.7
                      + 0.0004 * (traffic - traffic_base) + rng.gauss(0, 5))
            o3 = max(5, 45 + 1.6 * (temp - 11) - 0.35 * no2 + 2.0 * wind + rng.gauss(0, 7))
            co = round(rng.lognormvariate(math.log(0.25 + traffic / 40000), 0.35), 2)
            exceed = "yes" if pm25 > 25 else "no"
            rows.append([date.isoformat(), st, season, weekend, round(pm25, 1), round(sensor, 1),
                         round(pm10, 1), round(no2, 1), round(o3, 1), co, round(temp, 1), rh,
                         wind, traffic, exceed])
    for idx in (13, 14, 77, 150, 151, 188):
        rows[idx][5] = None   # low-cost sensor offline
    for idx in (40, 122):
        rows[idx][8] = None   # O3 analyser calibration
    write("air_quality.csv", header, rows)


# ---------------------------------------------------------------- 8. e-commerce marketing survey
def ecommerce():
    rng = random.Random(2108)
    header = ["resp_id", "age_grp", "gender", "device", "channel", "saw_ad", "purchased",
              "coupon_used", "Satisfaction (1-10)", "nps", "spend_usd", "visits_30d",
              "time_on_site_min", "rating_old_site", "rating_new_site"]
    ages = ["18-24", "25-34", "35-44", "45-54", "55+"]
    rows = []
    for i in range(220):
        age = rng.choices(ages, [0.2, 0.3, 0.22, 0.16, 0.12])[0]
        gender = "female" if rng.random() < 0.54 else "male"
        device = rng.choices(["mobile", "desktop", "tablet"],
                             [0.6 - 0.06 * ages.index(age), 0.3 + 0.03 * ages.index(age),
                              0.1 + 0.03 * ages.index(age)])[0]
        channel = rng.choices(["email", "social", "search", "direct"],
                              [0.2, 0.35 - 0.05 * ages.index(age), 0.28, 0.17 + 0.05 * ages.index(age)])[0]
        saw_ad = "yes" if rng.random() < (0.55 if channel == "social" else 0.35) else "no"
        visits = poisson(rng, 3.5 + (1.5 if channel == "direct" else 0))
        time_site = round(rng.lognormvariate(math.log(6 + 1.2 * visits), 0.5), 1)
        p_buy = 0.25 + (0.15 if saw_ad == "yes" else 0) + 0.03 * visits + (0.05 if device == "desktop" else 0)
        purchased = "yes" if rng.random() < clamp(p_buy, 0, 0.95) else "no"
        coupon = "yes" if purchased == "yes" and rng.random() < 0.35 else ("yes" if rng.random() < 0.08 else "no")
        if purchased == "yes":
            spend = round(rng.lognormvariate(math.log(38 + 4 * visits + 1.5 * time_site), 0.75)
                          * (1.25 if coupon == "yes" else 1.0), 2)
        else:
            spend = 0.0
        sat = int(clamp(round(rng.gauss(6.8 + (0.6 if purchased == "yes" else 0)
                                        - (0.7 if device == "tablet" else 0)
                                        + 0.15 * ages.index(age), 1.6)), 1, 10))
        nps = int(clamp(round(sat + rng.gauss(0.3, 1.3)), 0, 10))
        old = int(clamp(round(rng.gauss(5.8, 1.7)), 1, 10))
        new = int(clamp(round(old + rng.gauss(0.7 - (0.5 if age == "55+" else 0), 1.3)), 1, 10))
        rows.append(["R%03d" % (i + 1), age, gender, device, channel, saw_ad, purchased, coupon,
                     sat, nps, spend, visits, time_site, old, new])
    for idx in (5, 61, 119, 200):
        rows[idx][8] = None   # satisfaction skipped
    for idx in (33, 170):
        rows[idx][14] = None  # new-site rating skipped
    rows[90][9] = None        # nps skipped
    write("ecommerce_survey.csv", header, rows)


if __name__ == "__main__":
    bp_trial()
    hospital()
    coffee()
    hr()
    maize()
    exams()
    air()
    ecommerce()
    for fn in sorted(os.listdir(OUT)):
        with open(os.path.join(OUT, fn)) as f:
            r = list(csv.reader(f))
        print("%-24s rows=%d cols=%d" % (fn, len(r) - 1, len(r[0])))
