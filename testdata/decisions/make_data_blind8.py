#!/usr/bin/env python3
"""Deterministic generator for the blind8 datasets (standard library only).

Writes 8 CSV files into data/ beside this script. Each dataset uses its own
random.Random(seed), so every file is reproducible on its own.
"""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if r[h] is None else r[h] for h in header])
    return path


def blank_some(rng, rows, col, k):
    """Set k randomly chosen cells of column col to missing."""
    for i in rng.sample(range(len(rows)), k):
        rows[i][col] = None


def poisson(rng, lam):
    # Knuth's method; fine for small lambda
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


# ---------------------------------------------------------------- 1. dental implants
def dental_implants():
    rng = random.Random(801)
    n = 180
    brand_eff = {"Nobel": 1.5, "Straumann": 2.5, "Zimmer": 0.0, "Osstem": -0.5}
    rows = []
    for i in range(n):
        age = int(round(clamp(rng.gauss(56, 12), 22, 88)))
        sex = "F" if rng.random() < 0.55 else "M"
        smoker = 1 if rng.random() < 0.22 else 0
        brand = rng.choices(list(brand_eff), weights=[30, 30, 20, 20])[0]
        jaw = "mandible" if rng.random() < 0.45 else "maxilla"
        grade = rng.choices([1, 2, 3], weights=[25, 40, 35])[0]
        bone = clamp(rng.gauss(850 if jaw == "mandible" else 620, 150) - 3 * (age - 56), 250, 1400)
        torque = clamp(18 + 0.027 * bone + rng.gauss(0, 5), 10, 70)
        isq0 = 50 + 0.015 * bone + rng.gauss(0, 4)
        isq12 = isq0 + 5 + brand_eff[brand] - 2.5 * smoker + 0.4 * (grade - 2) + rng.gauss(0, 3)
        healing = 60 + rng.expovariate(1 / 25.0) + 15 * smoker
        mbl = math.exp(rng.gauss(math.log(0.6 + 0.5 * smoker), 0.45))
        pain = int(round(clamp(rng.gauss(3.2 + 0.04 * (torque - 40), 1.8), 0, 10)))
        pfail = 0.03 + 0.10 * smoker + (0.06 if bone < 550 else 0.0)
        failed = 1 if rng.random() < pfail else 0
        rows.append({
            "PatientID": "DI-%04d" % (i + 1),
            "age_yrs": age,
            "Sex": sex,
            "smoker": smoker,
            "implant_brand": brand,
            "jaw": jaw,
            "surgeon_grade": grade,
            "bone_density_HU": int(round(bone)),
            "insertion torque (Ncm)": int(round(torque)),
            "ISQ_baseline": round(isq0, 1),
            "ISQ_12wk": round(isq12, 1),
            "healing_days": int(round(healing)),
            "MBL_mm": round(mbl, 2),
            "pain.vas.day3": pain,
            "implant_failed": failed,
        })
    blank_some(rng, rows, "bone_density_HU", 6)
    blank_some(rng, rows, "pain.vas.day3", 8)
    header = ["PatientID", "age_yrs", "Sex", "smoker", "implant_brand", "jaw", "surgeon_grade",
              "bone_density_HU", "insertion torque (Ncm)", "ISQ_baseline", "ISQ_12wk",
              "healing_days", "MBL_mm", "pain.vas.day3", "implant_failed"]
    return write("dental_implants", header, rows)


# ---------------------------------------------------------------- 2. 3D print farm
def print_farm():
    rng = random.Random(802)
    n = 240
    printers = {"Prusa MK4": (0.8, 55), "Bambu X1C": (0.55, 40), "Ender 3 V2": (1.0, 90)}
    mats = {  # nozzle, bed, tensile base
        "PLA": (210, 60, 50), "PETG": (240, 80, 45), "ABS": (250, 100, 40),
        "TPU": (225, 50, 30), "Nylon": (260, 90, 58)}
    rows = []
    for i in range(n):
        printer = rng.choices(list(printers), weights=[40, 35, 25])[0]
        mat = rng.choices(list(mats), weights=[40, 25, 15, 10, 10])[0]
        op = rng.choice(["Ana", "Ben", "Chidi", "Dee"])
        if printer == "Bambu X1C":
            encl = "yes"
        elif printer == "Prusa MK4":
            encl = "yes" if rng.random() < 0.5 else "no"
        else:
            encl = "yes" if rng.random() < 0.2 else "no"
        layer = rng.choices([0.12, 0.16, 0.2, 0.28], weights=[15, 25, 40, 20])[0]
        infill = rng.choices([10, 15, 20, 25, 40, 60], weights=[15, 25, 30, 10, 12, 8])[0]
        noz, bed, tens = mats[mat]
        nozzle = int(round(noz + rng.gauss(0, 4)))
        bedt = bed + rng.choice([-5, 0, 0, 0, 5])
        hum = round(clamp(rng.gauss(45, 10), 18, 80), 0)
        fil = math.exp(rng.gauss(math.log(45), 0.55)) * (0.6 + infill / 100.0)
        speed, dsd = printers[printer]
        ptime = fil * 0.09 * (0.2 / layer) * speed * math.exp(rng.gauss(0, 0.12))
        tensile = tens + 0.12 * infill - 8 * (layer - 0.2) + rng.gauss(0, 3)
        if mat in ("ABS", "Nylon"):
            pw = 0.12 if encl == "yes" else 0.45
        else:
            pw = 0.05
        warped = 1 if rng.random() < pw else 0
        dim = 30 + abs(rng.gauss(0, dsd)) + (25 if warped else 0)
        rows.append({
            "job_id": "J%05d" % (10001 + i),
            "PrinterModel": printer,
            "Material": mat,
            "operator": op,
            "enclosure": encl,
            "layer_height_mm": layer,
            "infill_pct": infill,
            "nozzle_temp_C": nozzle,
            "bed_temp_C": bedt,
            "humidity_pct": int(hum),
            "filament_g": round(fil, 1),
            "print_time_h": round(ptime, 2),
            "Tensile Strength (MPa)": round(tensile, 1),
            "dim_error_um": int(round(dim)),
            "warped": warped,
        })
    blank_some(rng, rows, "humidity_pct", 10)
    blank_some(rng, rows, "Tensile Strength (MPa)", 4)
    header = ["job_id", "PrinterModel", "Material", "operator", "enclosure", "layer_height_mm",
              "infill_pct", "nozzle_temp_C", "bed_temp_C", "humidity_pct", "filament_g",
              "print_time_h", "Tensile Strength (MPa)", "dim_error_um", "warped"]
    return write("print_farm", header, rows)


# ---------------------------------------------------------------- 3. cheese ripening
def cheese_ripening():
    rng = random.Random(803)
    n = 144
    dairy_eff = {"Alpine Co-op": 0.4, "Brookfield": 0.0, "Hollow Farm": -0.3}
    rows = []
    for i in range(n):
        dairy = rng.choice(list(dairy_eff))
        milk = "raw" if rng.random() < 0.5 else "pasteurised"
        batch = 1 + i // 24
        cave = "North" if rng.random() < 0.5 else "South"
        age = rng.choice([4, 8, 12, 16, 24])
        salt = clamp(rng.gauss(1.8, 0.25), 1.1, 2.6)
        ph1 = rng.gauss(5.25, 0.08)
        phf = ph1 + 0.004 * age + rng.gauss(0, 0.06)
        moist = 42 - 0.35 * age - 1.5 * (salt - 1.8) + rng.gauss(0, 1.5)
        firm = 18 + 1.1 * age - 0.3 * (moist - 36) + rng.gauss(0, 4)
        wloss = 150 + 22 * age + rng.gauss(0, 40)
        taste = clamp(5.5 + 0.6 * (milk == "raw") + 0.05 * age + dairy_eff[dairy] + rng.gauss(0, 0.8), 1, 9)
        mold = 1 if rng.random() < (0.08 if cave == "North" else 0.24) else 0
        rows.append({
            "wheel_no": "W%03d" % (i + 1),
            "Dairy": dairy,
            "milk_type": milk,
            "batch": batch,
            "CaveID": cave,
            "aging_wks": age,
            "salt_pct": round(salt, 2),
            "pH_day1": round(ph1, 2),
            "pH_final": round(phf, 2),
            "Moisture %": round(moist, 1),
            "firmness_N": round(firm, 1),
            "wt_loss_g": int(round(wloss)),
            "TasteScore": round(taste, 1),
            "mold_defect": mold,
        })
    blank_some(rng, rows, "TasteScore", 5)
    blank_some(rng, rows, "Moisture %", 4)
    header = ["wheel_no", "Dairy", "milk_type", "batch", "CaveID", "aging_wks", "salt_pct",
              "pH_day1", "pH_final", "Moisture %", "firmness_N", "wt_loss_g", "TasteScore",
              "mold_defect"]
    return write("cheese_ripening", header, rows)


# ---------------------------------------------------------------- 4. language app users
def lingo_app():
    rng = random.Random(804)
    n = 320
    lang_gain = {"Spanish": 2.0, "French": 1.0, "German": 0.0, "Japanese": -3.0, "Korean": -2.0}
    rows = []
    ids = rng.sample(range(100000, 999999), n)
    for i in range(n):
        year = rng.choice([2022, 2023, 2024])
        age = int(round(clamp(rng.gauss(31, 10), 14, 75)))
        device = rng.choices(["iOS", "Android", "Web"], weights=[40, 45, 15])[0]
        prem = 1 if rng.random() < 0.35 else 0
        lang = rng.choices(list(lang_gain), weights=[35, 20, 15, 18, 12])[0]
        notif = 1 if rng.random() < 0.65 else 0
        mins = math.exp(rng.gauss(math.log(10 + 5 * prem), 0.5))
        streak = int(rng.expovariate(1 / (20 + 25 * prem + 10 * notif)))
        lessons = int(round(0.7 * streak + 2.0 * mins + rng.gauss(10, 6)))
        lessons = max(lessons, 0)
        place = clamp(rng.gauss(42, 12), 0, 100)
        exitsc = clamp(place + 4 + 0.03 * lessons + 4 * prem + lang_gain[lang] + rng.gauss(0, 6), 0, 100)
        pch = clamp(0.45 - 0.18 * prem - 0.10 * notif - 0.002 * streak, 0.05, 0.9)
        churn = 1 if rng.random() < pch else 0
        nps = int(round(clamp(rng.gauss(6.5 + 1.0 * prem - 1.5 * churn, 2.0), 0, 10)))
        refs = poisson(rng, 0.3 + 0.5 * prem)
        rows.append({
            "user_id": "u%d" % ids[i],
            "signup_year": year,
            "age": age,
            "device": device,
            "plan": "Premium" if prem else "Free",
            "TargetLanguage": lang,
            "notifications_on": notif,
            "minutes_per_day": round(mins, 1),
            "streak_days": streak,
            "lessons_completed": lessons,
            "placement_score": int(round(place)),
            "exit_score": int(round(exitsc)),
            "NPS": nps,
            "referrals": refs,
            "churned_90d": churn,
        })
    blank_some(rng, rows, "NPS", 38)
    blank_some(rng, rows, "age", 9)
    header = ["user_id", "signup_year", "age", "device", "plan", "TargetLanguage",
              "notifications_on", "minutes_per_day", "streak_days", "lessons_completed",
              "placement_score", "exit_score", "NPS", "referrals", "churned_90d"]
    return write("lingo_app", header, rows)


# ---------------------------------------------------------------- 5. warehouse picking
def warehouse_picking():
    rng = random.Random(805)
    n = 200
    zone_eff = {"Ambient": (10, 0.0), "Chilled": (0, 0.5), "Frozen": (-15, -1.0), "Bulk": (-25, 3.0)}
    rows = []
    for i in range(n):
        shift = rng.choices(["Day", "Swing", "Night"], weights=[45, 30, 25])[0]
        yrs = round(clamp(rng.expovariate(1 / 4.0), 0.1, 25), 1)
        age = int(round(clamp(22 + yrs + rng.gauss(8, 7), 18, 64)))
        scanner = "wearable" if rng.random() < 0.5 else "handheld"
        zone = rng.choice(list(zone_eff))
        train = rng.choice([0, 2, 5])
        zp, zd = zone_eff[zone]
        pph = (95 + 3 * min(yrs, 10) + 10 * (scanner == "wearable") + 2 * train + zp
               - 6 * (shift == "Night") + rng.gauss(0, 12))
        err_sd = 0.55 if shift == "Night" else 0.35
        err = math.exp(rng.gauss(math.log(1.3) - 0.05 * train - 0.03 * min(yrs, 10), err_sd))
        dist = clamp(9 + zd + 0.04 * (pph - 100) + rng.gauss(0, 1.8), 3, 25)
        orders = int(round(pph * 7.5 / 4.2 + rng.gauss(0, 8)))
        ot = 0.0 if rng.random() < 0.45 else round(rng.expovariate(1 / 3.0), 1)
        pinj = 0.04 + (0.08 if zone in ("Frozen", "Bulk") else 0.0)
        inj = 1 if rng.random() < pinj else 0
        hr = rng.gauss(96 + 0.25 * (age - 35) + 1.5 * dist - 13, 7)
        pre = int(round(clamp(rng.gauss(5.2, 1.8), 0, 10)))
        post = int(round(clamp(pre - 1.2 + rng.gauss(0, 1.3), 0, 10)))
        rows.append({
            "PickerID": "P%03d" % (i + 1),
            "shift": shift,
            "yrs_exp": yrs,
            "age": age,
            "scanner": scanner,
            "zone": zone,
            "training_days": train,
            "picks_per_hr": round(pph, 1),
            "error_rate_pct": round(err, 2),
            "dist_walked_km": round(dist, 1),
            "Orders Completed": orders,
            "overtime_hrs": ot,
            "injury_report": inj,
            "HR.bpm.avg": int(round(hr)),
            "discomfort_pre": pre,
            "discomfort_post": post,
        })
    blank_some(rng, rows, "HR.bpm.avg", 12)
    blank_some(rng, rows, "discomfort_post", 5)
    header = ["PickerID", "shift", "yrs_exp", "age", "scanner", "zone", "training_days",
              "picks_per_hr", "error_rate_pct", "dist_walked_km", "Orders Completed",
              "overtime_hrs", "injury_report", "HR.bpm.avg", "discomfort_pre", "discomfort_post"]
    return write("warehouse_picking", header, rows)


# ---------------------------------------------------------------- 6. knee rehab
def knee_rehab():
    rng = random.Random(806)
    n = 150
    prot_eff = {"Standard": 0.0, "Accelerated": 6.0, "Aquatic": 3.0}
    rows = []
    for i in range(n):
        site = rng.choice([1, 2, 3])
        prot = rng.choice(list(prot_eff))
        graft = "hamstring" if rng.random() < 0.55 else "patellar"
        sex = "M" if rng.random() < 0.6 else "F"
        age = int(round(clamp(rng.gauss(29, 9), 16, 55)))
        bmi = clamp(rng.gauss(25.5, 3.5), 17.5, 38)
        sess = int(round(clamp(rng.gauss(19, 3.5), 6, 24)))
        rom0 = clamp(rng.gauss(85, 10), 55, 115)
        rom12 = clamp(rom0 + 35 + prot_eff[prot] - 0.3 * (bmi - 25) + 0.4 * (sess - 19) + rng.gauss(0, 8), 80, 145)
        vpre = int(round(clamp(rng.gauss(6.3, 1.5), 1, 10)))
        vpost = int(round(clamp(vpre - 3 + rng.gauss(0, 1.5), 0, 10)))
        quad = (150 if sex == "M" else 110) + 1.2 * (sess - 19) - 0.4 * (age - 29) + rng.gauss(0, 18)
        koos = clamp(70 + 0.3 * (rom12 - 120) + 0.8 * (sess - 19) - 1.5 * (vpost - 3) + rng.gauss(0, 8), 10, 100)
        prts = clamp(0.55 + 0.02 * (koos - 70), 0.05, 0.95)
        rts = 1 if rng.random() < prts else 0
        rows.append({
            "pt_id": "KR%03d" % (i + 1),
            "site": site,
            "Protocol": prot,
            "graft": graft,
            "Sex": sex,
            "Age": age,
            "BMI": round(bmi, 1),
            "sessions_attended": sess,
            "ROM_wk0": int(round(rom0)),
            "ROM_wk12": int(round(rom12)),
            "VAS_pain_pre": vpre,
            "VAS_pain_post": vpost,
            "quad_strength_Nm": round(quad, 1),
            "KOOS score": round(koos, 1),
            "RTS_9mo": rts,
        })
    blank_some(rng, rows, "quad_strength_Nm", 7)
    blank_some(rng, rows, "KOOS score", 5)
    header = ["pt_id", "site", "Protocol", "graft", "Sex", "Age", "BMI", "sessions_attended",
              "ROM_wk0", "ROM_wk12", "VAS_pain_pre", "VAS_pain_post", "quad_strength_Nm",
              "KOOS score", "RTS_9mo"]
    return write("knee_rehab", header, rows)


# ---------------------------------------------------------------- 7. bird banding
def bird_banding():
    rng = random.Random(807)
    n = 260
    sp = {  # wing mean, mass mean, tarsus mean
        "Yellow Warbler": (62.0, 9.5, 18.5),
        "Song Sparrow": (64.0, 20.5, 22.0),
        "Gray Catbird": (89.0, 36.0, 28.0),
        "Common Yellowthroat": (53.0, 10.2, 20.0)}
    rows = []
    for i in range(n):
        year = rng.choice([2019, 2020, 2021, 2022])
        lane = rng.choice([1, 2, 3])
        species = rng.choices(list(sp), weights=[30, 30, 20, 20])[0]
        sex = "M" if rng.random() < 0.5 else "F"
        agec = "HY" if rng.random() < 0.55 else "AHY"
        ct = round(rng.uniform(0, 6), 2)
        temp = round(rng.gauss(13 + 1.5 * ct, 3), 1)
        wm, mm, tm = sp[species]
        wing = wm + (2.0 if sex == "M" else 0.0) - (1.0 if agec == "HY" else 0.0) + rng.gauss(0, 1.8)
        fat = rng.choices([0, 1, 2, 3, 4, 5], weights=[20, 30, 25, 15, 7, 3])[0]
        mass = mm * (1 + 0.02 * (wing - wm)) + 0.04 * mm * fat + 0.01 * mm * ct + rng.gauss(0, 0.05 * mm)
        tars = tm + 0.1 * (wing - wm) + rng.gauss(0, 0.7)
        recap = 1 if rng.random() < 0.15 else 0
        rows.append({
            "band_no": "2841-%05d" % (30500 + i),
            "year": year,
            "net_lane": lane,
            "Species": species,
            "sex": sex,
            "AgeClass": agec,
            "capture_time": ct,
            "temp_c": temp,
            "wing_chord_mm": round(wing, 1),
            "tarsus_mm": round(tars, 1),
            "Mass (g)": round(mass, 1),
            "fat_score": fat,
            "recap": recap,
        })
    blank_some(rng, rows, "tarsus_mm", 10)
    blank_some(rng, rows, "sex", 8)
    header = ["band_no", "year", "net_lane", "Species", "sex", "AgeClass", "capture_time",
              "temp_c", "wing_chord_mm", "tarsus_mm", "Mass (g)", "fat_score", "recap"]
    return write("bird_banding", header, rows)


# ---------------------------------------------------------------- 8. coral reef survey
def coral_reef_survey():
    rng = random.Random(808)
    sites = {"Coral Bay": ("CB", "yes"), "Turtle Point": ("TP", "yes"), "Blue Hole": ("BH", "no"),
             "East Wall": ("EW", "no"), "Pinnacle": ("PN", "yes")}
    zdepth = {"lagoon": 3.0, "crest": 5.0, "slope": 12.0}
    yr_sst = {2016: 0.8, 2020: 0.4, 2024: 1.2}
    rows = []
    for site, (abbr, mpa) in sites.items():
        for k in range(24):
            zone = rng.choice(list(zdepth))
            year = rng.choice(list(yr_sst))
            depth = clamp(zdepth[zone] + rng.gauss(0, 1.5 if zone != "slope" else 3), 1, 25)
            sst = 29 + yr_sst[year] + rng.gauss(0, 0.6) - 0.03 * depth
            turb = math.exp(rng.gauss(math.log(2.0 if mpa == "yes" else 3.2), 0.5))
            pre = clamp(rng.gauss(45 + 8 * (mpa == "yes") - 0.5 * depth, 10), 5, 85)
            mort = clamp(0.1 + 0.15 * (sst - 29) + 0.02 * (6 - min(depth, 6)) + rng.gauss(0, 0.08), 0, 0.9)
            post = pre * (1 - mort)
            bleached = 1 if rng.random() < clamp(0.2 + 0.35 * (sst - 29), 0.02, 0.95) else 0
            rug = 1.2 + 0.01 * pre + rng.gauss(0, 0.15)
            fish = int(rng.gammavariate(2.0, (60 + 30 * (mpa == "yes") + 1.5 * post) / 2.0))
            urch = round(rng.gammavariate(1.5, 0.8 + 0.02 * (50 - pre)), 2) if pre < 90 else 0.1
            rows.append({
                "TransectID": "%s-%02d" % (abbr, k + 1),
                "site": site,
                "zone": zone,
                "MPA": mpa,
                "year": year,
                "depth_m": round(depth, 1),
                "SST_C": round(sst, 2),
                "turbidity_NTU": round(turb, 2),
                "rugosity": round(rug, 2),
                "cover_pre_bleach_pct": round(pre, 1),
                "cover_post_bleach_pct": round(post, 1),
                "bleached": bleached,
                "fish_abundance": fish,
                "urchin_density": max(urch, 0.0),
            })
    blank_some(rng, rows, "turbidity_NTU", 8)
    blank_some(rng, rows, "rugosity", 3)
    header = ["TransectID", "site", "zone", "MPA", "year", "depth_m", "SST_C", "turbidity_NTU",
              "rugosity", "cover_pre_bleach_pct", "cover_post_bleach_pct", "bleached",
              "fish_abundance", "urchin_density"]
    return write("coral_reef_survey", header, rows)


def main():
    for fn in (dental_implants, print_farm, cheese_ripening, lingo_app, warehouse_picking,
               knee_rehab, bird_banding, coral_reef_survey):
        print("wrote", fn())


if __name__ == "__main__":
    main()
