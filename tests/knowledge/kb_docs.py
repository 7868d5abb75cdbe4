"""Regulation-shaped fixture documents, written for these tests, and builders for each format."""

from __future__ import annotations

from pathlib import Path

FIXTURE_TITLE = "某市社会保险经办机构内部控制实施细则"
FIXTURE_NUMBER = "某人社发〔2021〕8号"

FIXTURE_REGULATION = f"""某市人力资源和社会保障局
{FIXTURE_NUMBER}
{FIXTURE_TITLE}
2021年3月15日

第一章 总则
第一条 为规范本市社会保险经办行为，防范基金风险，根据有关规定，结合本市实际，制定本细则。
第二条 本细则适用于市、县两级社会保险经办机构。
第三条 经办机构主要负责人对本单位内部控制的建立健全和有效实施负责。

第二章 岗位设置与人员管理
第四条 经办机构应当编制岗位说明书，逐一写明每个岗位的工作内容、权限和上下游衔接关系。
第五条 下列岗位不得由同一人兼任：
（一）待遇申报受理与待遇审核；
（二）待遇审核与待遇审批；
（三）数据录入与数据修改审批；
（四）会计与出纳。
因人员不足确需兼任的，应当报市级经办机构备案，并由科室负责人每月抽查复核。
第六条 从事待遇审核、基金支付的人员在同一岗位连续工作满五年的，应当交流轮岗。
第七条 工作人员办理本人或者其近亲属的社会保险业务时应当主动回避。
第八条 经办机构每年至少组织两次政策业务培训和一次廉政警示教育。

第三章 业务经办
第一节 登记与缴费
第九条 参保单位办理登记时，经办人员应当核验营业执照等证件原件，录入后由另一人复核。
第十条 每年七月，经办机构根据参保单位申报的上年度职工工资总额，核定本年度缴费基数。核定结果经科室负责人审批后生效。
第十一条 补缴社会保险费的，应当提供劳动合同、工资发放记录等证明材料，补缴期限超过三年的报分管领导审批。
第十二条 对欠缴社会保险费的单位，经办机构应当建立欠费台账，按月催缴，并将欠费情况通报征收部门。
第二节 待遇审核与发放
第十三条 养老保险待遇实行初审、复审、审批三级审核，计发依据和计算结果由复审人员逐项核对。
第十四条 经办机构每年通过数据比对与上门核查相结合的方式开展领取待遇资格认证，对认证中发现已死亡的人员，自死亡次月起停发养老金，已多发的金额由其家属退回。
第十五条 待遇发放数据由业务科室生成，财务科室核对汇总金额无误后方可拨付银行。
第十六条 各类业务办理时限如下表：
表1 主要业务办理时限
业务类型｜办理时限｜审批层级
参保登记｜当场办结｜经办人
缴费基数核定｜10个工作日｜科室负责人
退休待遇核定｜20个工作日｜分管领导
关系转移接续｜15个工作日｜科室负责人
第十七条 业务档案应当在业务办结后三十日内归档，调阅档案须填写调阅登记表并经档案管理人员同意。

第四章 基金财务管理
第十八条 收入户资金每月底前全额划入财政专户，支出户只接收财政专户拨入的资金，严禁在收入户和支出户之间直接划转资金。
第十九条 财务科室应当于每月十日前取得银行对账单，编制银行存款余额调节表，未达账项须查明原因。
第二十条 财务专用章、法人名章和网上银行证书分别由三人保管，不得交由出纳一人保管。
第二十一条 年度终了，财务科室按照统一格式编制基金决算，决算数据与会计账簿核对一致后报送。

第五章 信息系统管理
第二十二条 业务系统账号实行一人一号，严禁借用他人账号登录；口令长度不少于八位，每九十天更换一次。
第二十三条 工作人员离职或者调岗的，信息管理科应当在三个工作日内注销或者调整其系统权限。
第二十四条 业务专网计算机不得连接互联网，禁止使用未经登记的移动存储介质。
第二十五条 核心业务数据每日备份，每月将备份介质送异地存放，每半年组织一次数据恢复演练。

第六章 监督检查
第二十六条 稽核科每年一月制定年度稽核计划，对参保单位缴费基数、待遇领取人员开展稽核。
第二十七条 稽核发现的问题应当形成书面报告，报送单位主要负责人和上级经办机构，并跟踪整改落实情况。
第二十八条 对违反本细则造成基金损失的，依照有关规定追究相关人员责任。

第七章 附则
第二十九条 本细则由市人力资源和社会保障局负责解释。
第三十条 本细则自2021年4月1日起施行。
"""


def write_docx(path: Path, text: str, table_after: str | None = None) -> Path:
    """A .docx with one paragraph per line; lines holding ｜ become a real Word table."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            rows.clear()

    for line in text.split("\n"):
        if "｜" in line:
            rows.append(line.split("｜"))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path


def _pdf_object_bytes(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds the lines (STSong-Light, UniGB-UCS2-H)."""
    ops = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
    for line in lines:
        ops.append(f"<{line.encode('utf-16-be').hex()}> Tj T*")
    ops.append("ET")
    return stsong_page_pdf("\n".join(ops).encode())


def stsong_page_pdf(stream: bytes) -> bytes:
    """A one-page PDF drawing the content stream with font /F1, STSong-Light (UniGB-UCS2-H,
    every character one em wide)."""
    return _pdf_object_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources"
            b" << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
            b" << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>",
        ]
    )


def scanned_pdf_bytes() -> bytes:
    """A page with only drawing operations: what a scan without OCR looks like to a reader."""
    stream = b"0.5 g 40 40 500 700 re f"
    return _pdf_object_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        ]
    )


def encrypted_pdf_bytes(lines: list[str], password: str = "secret") -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes(lines))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
